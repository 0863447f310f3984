import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseAvailability } from '../common/database/database-availability';

const PING_TIMEOUT_MS = 2000;

/**
 * The database is ready when it answers a ping in time and requests have not lately found it
 * timing out or refusing writes: a locked table or a full disk answers a ping, yet fails requests.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly ping: TypeOrmHealthIndicator,
    private readonly availability: DatabaseAvailability,
  ) {}

  async check(key: string) {
    const fault = this.availability.fault;
    if (fault) return this.indicators.check(key).down({ fault });
    return this.ping.pingCheck(key, { timeout: PING_TIMEOUT_MS });
  }
}
