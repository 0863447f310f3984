import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { backendErrors } from '../metrics/metrics';
import { DatabaseFault, databaseFaultOf } from './database-fault';

const WHAT_CLIENTS_SEE = 'answering 503 with Retry-After';
const FAULT_DESCRIPTIONS: Record<DatabaseFault, string> = {
  unreachable: 'Database unreachable',
  timeout: 'Database statements or connection waits timing out',
  'write-refused': 'Database refuses writes (disk full, read-only or I/O error)',
};

/** A fault with no repeat for this long is over (timeouts and refused writes have no probe). */
const QUIET_MS = 5000;
const PROBE_INTERVAL_MS = 1000;

/**
 * Whether the database serves, as requests find out. A fault is logged once when it starts and
 * once when it ends, never per request; until it ends, readiness answers 503. An unreachable
 * database is probed every second, so recovery shows without waiting for traffic.
 */
@Injectable()
export class DatabaseAvailability implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private current?: { fault: DatabaseFault; lastSeen: number };
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The fault in force, if any. */
  get fault(): DatabaseFault | undefined {
    return this.current?.fault;
  }

  /** Records `error` if it is a database fault; says whether it was one. */
  report(error: unknown): boolean {
    const fault = databaseFaultOf(error);
    if (!fault) return false;
    backendErrors.inc({ backend: 'database' });
    if (this.current?.fault !== fault) {
      this.logger.warn(`${FAULT_DESCRIPTIONS[fault]}: ${WHAT_CLIENTS_SEE}`);
      this.timer ??= setInterval(() => void this.check(), PROBE_INTERVAL_MS).unref();
    }
    this.current = { fault, lastSeen: Date.now() };
    return true;
  }

  private async check(): Promise<void> {
    const current = this.current;
    if (!current) return;
    if (current.fault === 'unreachable') {
      const answered = await this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      );
      if (!answered) return;
    } else if (Date.now() - current.lastSeen < QUIET_MS) {
      return;
    }
    if (this.current !== current) return;
    this.logger.log(`${FAULT_DESCRIPTIONS[current.fault]}: over, serving again`);
    this.current = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
