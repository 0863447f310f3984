import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { nowSeconds } from '../../common/time';
import { AppConfig, appConfig } from '../../config/app.config';

/** Rows deleted, per table. */
export interface PurgeReport {
  refresh_tokens: number;
  authorization_codes: number;
  revoked_access_tokens: number;
  login_attempts: number;
}

export interface PurgeOptions {
  /** Rows per statement: each statement is short, so requests wait for none of them for long. */
  readonly batchSize?: number;
  /** Stops between two statements (a shutdown). */
  readonly signal?: AbortSignal;
}

/**
 * Per table, one statement that deletes up to `:batch` rows past `:cutoff` (Unix seconds). A refresh
 * token is kept while any token of its chain is still valid: presenting a rotated token, however
 * old, must still end the chain (reuse detection), and only the stored row can tell it was rotated.
 */
const BATCHES: Record<keyof PurgeReport, string> = {
  refresh_tokens: `DELETE FROM "refresh_tokens" WHERE "id" IN (
    SELECT "old"."id" FROM "refresh_tokens" "old" WHERE "old"."expiresAt" <= :cutoff
    AND NOT EXISTS (SELECT 1 FROM "refresh_tokens" "live"
      WHERE "live"."familyId" = "old"."familyId" AND "live"."expiresAt" > :cutoff)
    LIMIT :batch)`,
  authorization_codes: `DELETE FROM "authorization_codes" WHERE "id" IN (
    SELECT "id" FROM "authorization_codes" WHERE "expiresAt" <= :cutoff LIMIT :batch)`,
  revoked_access_tokens: `DELETE FROM "revoked_access_tokens" WHERE "id" IN (
    SELECT "id" FROM "revoked_access_tokens" WHERE "expiresAt" <= :cutoff LIMIT :batch)`,
  // Login windows are kept in milliseconds.
  login_attempts: `DELETE FROM "login_attempts" WHERE "pairHash" IN (
    SELECT "pairHash" FROM "login_attempts" WHERE "windowEndsAt" <= :cutoffMs LIMIT :batch)`,
};

/**
 * Deletes what can no longer matter from the token tables: rows past their expiry by more than
 * the grace period (RETENTION_GRACE), in bounded batches with a turn of the event loop between
 * them, so that a backlog of millions never holds the database or the process for long.
 */
@Injectable()
export class TokenPurge {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async purge({ batchSize = 1000, signal }: PurgeOptions = {}): Promise<PurgeReport> {
    const cutoff = nowSeconds() - this.config.retention.graceSeconds;
    const report: PurgeReport = {
      refresh_tokens: 0,
      authorization_codes: 0,
      revoked_access_tokens: 0,
      login_attempts: 0,
    };
    for (const table of Object.keys(BATCHES) as Array<keyof PurgeReport>) {
      for (;;) {
        if (signal?.aborted) return report;
        const deleted = await this.deleteBatch(BATCHES[table], cutoff, batchSize);
        report[table] += deleted;
        if (deleted < batchSize) break;
        await nextTurn();
      }
    }
    return report;
  }

  private async deleteBatch(statement: string, cutoff: number, batch: number): Promise<number> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(statement, {
      cutoff,
      cutoffMs: cutoff * 1000,
      batch,
    });
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return result.affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}
