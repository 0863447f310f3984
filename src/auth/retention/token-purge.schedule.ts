import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, appConfig } from '../../config/app.config';
import { PurgeLock } from './purge-lock';
import { PurgeReport, TokenPurge } from './token-purge';

/** `refresh_tokens=3 authorization_codes=0 …`, or undefined when nothing was deleted. */
export function describePurge(report: PurgeReport): string | undefined {
  const entries = Object.entries(report);
  if (entries.every(([, rows]) => rows === 0)) return undefined;
  return entries.map(([table, rows]) => `${table}=${rows}`).join(' ');
}

/**
 * Purges the token tables every PURGE_INTERVAL seconds (0: never), one instance at a time. The
 * first purge waits one interval, so a start is never slowed by it; a shutdown stops a purge
 * between two batches and waits for the batch running.
 */
@Injectable()
export class TokenPurgeSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TokenPurge');
  private readonly stop = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly purge: TokenPurge,
    private readonly lock: PurgeLock,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.retention.purgeIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stop.abort();
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const report = await this.lock.whileHeld(() =>
        this.purge.purge({ signal: this.stop.signal }),
      );
      if (report === undefined) {
        this.logger.debug('Another instance is purging the token tables');
        return;
      }
      const deleted = describePurge(report);
      if (deleted) this.logger.log(`Purged expired token rows: ${deleted}`);
    } catch (error) {
      // The next interval tries again; a failed purge costs nothing but the rows it left.
      this.logger.warn(`Token purge failed: ${(error as Error).message}`);
    }
  }
}
