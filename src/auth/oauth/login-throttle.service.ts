import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { TooManyRequestsException } from '../../common/throttling/too-many-requests.exception';
import { AppConfig, appConfig } from '../../config/app.config';

const THROTTLER_NAME = 'login';

/**
 * Failed logins per username and address (RFC 6749 section 4.3.2): after THROTTLE_LOGIN_FAILURES
 * failures within THROTTLE_LOGIN_WINDOW, that pair is refused (429) until the window passes; other
 * users and addresses are not affected. Only failures count, so a user who signs in often is never
 * locked out.
 *
 * The counters live in the throttler's storage (in memory, or shared), whose one operation counts a
 * hit. Two keys make "only failures count" out of it: failures are counted under one key, and the
 * L-th failure blocks a second key, which each attempt checks; checking adds hits only to that
 * second key, whose own limit is never reached.
 */
@Injectable()
export class LoginThrottle {
  private readonly windowMs: number;
  private readonly failureLimit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(appConfig.KEY) { throttle }: AppConfig,
  ) {
    this.windowMs = throttle.loginWindowSeconds * 1000;
    this.failureLimit = throttle.loginFailures;
  }

  /** Throws 429 with Retry-After while this username is locked out from this address. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const { lockout } = this.keys(username, address);
    const record = await this.storage.increment(
      lockout,
      this.windowMs,
      Number.MAX_SAFE_INTEGER,
      this.windowMs,
      THROTTLER_NAME,
    );
    if (record.isBlocked) {
      throw new TooManyRequestsException(
        'Too many failed logins for this username from this address',
        record.timeToBlockExpire,
      );
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const { failures, lockout } = this.keys(username, address);
    const counted = await this.storage.increment(
      failures,
      this.windowMs,
      this.failureLimit - 1,
      this.windowMs,
      THROTTLER_NAME,
    );
    if (counted.isBlocked) {
      await this.storage.increment(lockout, this.windowMs, 0, this.windowMs, THROTTLER_NAME);
    }
  }

  /** Hashed, so the storage (maybe a shared Redis) holds no usernames. */
  private keys(username: string, address: string) {
    const pair = createHash('sha256')
      .update(`${username.toLowerCase()}\n${address}`)
      .digest('base64url');
    return { failures: `login-failures:${pair}`, lockout: `login-lockout:${pair}` };
  }
}
