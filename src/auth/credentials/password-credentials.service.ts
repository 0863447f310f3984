import { Injectable } from '@nestjs/common';
import passport from 'passport';
import { UserEntity } from '../../users/user.entity';
import { loginFailures } from '../auth-metrics';
import { LoginThrottle } from '../login-throttle/login-throttle.service';
import { PASSWORD_STRATEGY } from './local.strategy';

/** passport's middleware as called here: the request is only what passport-local reads. */
type CredentialsMiddleware = (
  request: { body: { username: string; password: string }; query: object },
  response: object,
  next: (error: unknown) => void,
) => void;

/**
 * Runs passport-local's strategy on exactly these credentials: it reads `body`, then `query` for a
 * missing field, so it gets an empty query, never the HTTP request's.
 */
function runLocalStrategy(username: string, password: string): Promise<UserEntity | null> {
  return new Promise((resolve, reject) => {
    const onOutcome = (error: Error | null, user: UserEntity | false | null) =>
      error ? reject(error) : resolve(user || null);
    const middleware = passport.authenticate(
      PASSWORD_STRATEGY,
      { session: false },
      onOutcome,
    ) as CredentialsMiddleware;
    middleware({ body: { username, password }, query: {} }, {}, reject);
  });
}

/**
 * The one password check of scopegate, for the password grant and the sign-in page alike: the
 * attempt is counted by the failed-login limit first (429 when none is left), then passport-local's
 * LocalStrategy checks the password, and a right password gives the attempt back.
 */
@Injectable()
export class PasswordCredentials {
  constructor(private readonly loginThrottle: LoginThrottle) {}

  /** The user, or null for a wrong password or an unknown or disabled user alike. */
  async check(username: string, password: string, address: string): Promise<UserEntity | null> {
    await this.loginThrottle.countAttempt(username, address);
    const user = await runLocalStrategy(username, password);
    if (user) await this.loginThrottle.succeeded(username, address);
    else loginFailures.inc();
    return user;
  }
}
