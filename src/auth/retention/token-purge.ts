import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as pause } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { SqliteBackgroundConnection } from '../../common/database/sqlite-background-connection';
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
  /** The most rows a statement deletes. */
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
  // Login windows are kept in milliseconds, and only until they end: an ended window counts
  // nothing, and a spray of sign-ins for new pairs must not leave a grace period's rows behind.
  login_attempts: `DELETE FROM "login_attempts" WHERE "pairHash" IN (
    SELECT "pairHash" FROM "login_attempts" WHERE "windowEndsAt" <= :nowMs LIMIT :batch)`,
};

/**
 * How long one statement may take. Fewer rows go in the next statement when one took longer (a
 * thousand refresh tokens with their three random-key indexes take ~100 ms on a large SQLite
 * table, with the server's writes waiting meanwhile), more when it was quick.
 */
const STATEMENT_BUDGET_MS = 40;
const MIN_BATCH = 10;
/** Where each table starts: small enough for the first statement to stay within the budget. */
const FIRST_BATCH = 100;

/**
 * Deletes what can no longer matter from the token tables: rows past their expiry by more than
 * the grace period (RETENTION_GRACE), in bounded batches with a pause between them, so that a
 * backlog of millions never holds the database or the process for long.
 */
@Injectable()
export class TokenPurge {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sqliteBackground: SqliteBackgroundConnection,
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
      let batch = Math.min(FIRST_BATCH, batchSize);
      for (;;) {
        if (signal?.aborted) return report;
        const started = performance.now();
        const deleted = await this.deleteBatch(BATCHES[table], cutoff, batch);
        report[table] += deleted;
        if (deleted < batch) break;
        const took = performance.now() - started;
        if (took > STATEMENT_BUDGET_MS) batch = Math.max(MIN_BATCH, Math.floor(batch / 2));
        else if (took < STATEMENT_BUDGET_MS / 4) batch = Math.min(batchSize, batch * 2);
        // As long a pause as the batch took: the writes that waited for it get their turn before
        // the next batch starts. A shutdown cuts the pause short; the loop then stops.
        await pause(took, undefined, { signal }).catch(() => undefined);
      }
    }
    return report;
  }

  private async deleteBatch(statement: string, cutoff: number, batch: number): Promise<number> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(statement, {
      cutoff,
      nowMs: Date.now(),
      batch,
    });
    // On SQLite, off the event loop: a statement that meets a slow disk holds no request.
    if (this.sqliteBackground.available) return this.sqliteBackground.run(sql, parameters);
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return result.affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}
