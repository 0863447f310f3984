import { LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { AttemptAnswer, LoginAttempts } from './login-attempts';
import { LoginAttemptEntity } from './login-attempt.entity';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * One statement counts or refuses: a new pair or an ended window starts at 1, a running window
 * below the limit goes up by 1, and a full one is left alone and returns no row. PostgreSQL locks
 * the row for the upsert, SQLite runs one statement at a time: concurrent attempts queue.
 */
const COUNT = `
INSERT INTO "login_attempts" ("pairHash", "attempts", "windowEndsAt") VALUES (:key, 1, :windowEndsAt)
ON CONFLICT ("pairHash") DO UPDATE SET
  "attempts" = CASE WHEN "login_attempts"."windowEndsAt" <= :now THEN 1
    ELSE "login_attempts"."attempts" + 1 END,
  "windowEndsAt" = CASE WHEN "login_attempts"."windowEndsAt" <= :now THEN :windowEndsAt
    ELSE "login_attempts"."windowEndsAt" END
WHERE "login_attempts"."windowEndsAt" <= :now OR "login_attempts"."attempts" < :limit
RETURNING "attempts"`;

/** The attempts of a single instance without Redis, in its database: they survive a restart. */
export class DatabaseLoginAttempts extends LoginAttempts {
  private nextSweepAt = 0;

  constructor(private readonly attempts: Repository<LoginAttemptEntity>) {
    super();
  }

  async count(key: string, limit: number, windowMs: number): Promise<AttemptAnswer> {
    const now = Date.now();
    await this.sweep(now);
    const [sql, parameters] = this.attempts.manager.connection.driver.escapeQueryWithParameters(
      COUNT,
      { key, limit, now, windowEndsAt: now + windowMs },
    );
    const counted = await this.attempts.query<unknown[]>(sql, parameters);
    if (counted.length > 0) return { counted: true };
    const full = await this.attempts.findOne({
      where: { pairHash: key },
      select: { windowEndsAt: true },
    });
    return { counted: false, retryAfterMs: Math.max((full?.windowEndsAt ?? now) - now, 1) };
  }

  async giveBack(key: string): Promise<void> {
    await this.attempts.decrement(
      { pairHash: key, attempts: MoreThan(0), windowEndsAt: MoreThan(Date.now()) },
      'attempts',
      1,
    );
  }

  /** Ended windows are dropped now and then, so pairs tried once do not pile up. */
  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    await this.attempts.delete({ windowEndsAt: LessThanOrEqual(now) });
  }
}
