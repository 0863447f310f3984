import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig, appConfig } from '../config/app.config';

/**
 * The first step of a graceful shutdown: readiness answers 503 (so a load balancer stops sending
 * new requests) for SHUTDOWN_DRAIN_SECONDS, while the server still serves; only then does it stop
 * accepting connections and finish the requests in flight.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownState.name);
  private draining = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    return this.draining ? indicator.down({ message: 'shutting down' }) : indicator.up();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const { drainSeconds } = this.config.shutdown;
    if (drainSeconds > 0) {
      this.logger.log(`Readiness is 503; draining for ${drainSeconds} s before closing`);
      await sleep(drainSeconds * 1000);
    }
  }
}
