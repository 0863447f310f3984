import { MoreThan, Repository } from 'typeorm';
import { AttemptAnswer, LoginAttempts } from './login-attempts';
import { LoginAttemptEntity } from './login-attempt.entity';

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

/**
 * The attempts of a single instance without Redis, in its database: they survive a restart. Ended
 * windows go with the token purge, in bounded batches: a spray of sign-ins for new pairs must not
 * buy one unbounded delete that holds the database.
 */
export class DatabaseLoginAttempts extends LoginAttempts {
  constructor(private readonly attempts: Repository<LoginAttemptEntity>) {
    super();
  }

  async count(key: string, limit: number, windowMs: number): Promise<AttemptAnswer> {
    const now = Date.now();
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
}
