import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TooManyRequestsException } from '../../common/errors/too-many-requests.exception';
import { AppConfig, appConfig } from '../../config/app.config';
import { usernameKey } from '../../users/user.entity';
import { LoginAttempts } from './login-attempts';
import { loginsThrottled } from '../auth-metrics';

/** Hashed, so the store (maybe a shared Redis) holds no usernames. */
const pairKey = (username: string, address: string) =>
  createHash('sha256')
    .update(`${usernameKey(username)}\n${address}`)
    .digest('base64url');

/**
 * Password attempts per username and address (RFC 6749 section 4.3.2): at most
 * THROTTLE_LOGIN_FAILURES are checked against the password in a THROTTLE_LOGIN_WINDOW; beyond
 * that, the pair is refused (429) until the window ends. Other users and addresses are not
 * affected.
 *
 * An attempt is counted before its password is checked, in one atomic step, so guesses sent all
 * at once (to one instance or several) cannot all slip past the limit; a right password gives its
 * attempt back, so only failures use the allowance.
 */
@Injectable()
export class LoginThrottle {
  private readonly windowMs: number;
  private readonly limit: number;

  constructor(
    private readonly attempts: LoginAttempts,
    @Inject(appConfig.KEY) { throttle }: AppConfig,
  ) {
    this.windowMs = throttle.loginWindowSeconds * 1000;
    this.limit = throttle.loginFailures;
  }

  /** Counts an attempt about to be checked; 429 with Retry-After when none is left. */
  async countAttempt(username: string, address: string): Promise<void> {
    const answer = await this.attempts.count(pairKey(username, address), this.limit, this.windowMs);
    if (!answer.counted) {
      loginsThrottled.inc();
      throw new TooManyRequestsException(
        'Too many failed logins for this username from this address',
        answer.retryAfterMs / 1000,
      );
    }
  }

  /** The password was right: the attempt does not use the allowance. */
  succeeded(username: string, address: string): Promise<void> {
    return this.attempts.giveBack(pairKey(username, address));
  }
}
