import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { InvalidTokenException } from './bearer-errors';
import { Principal } from './principal';
import { Claims, TokenVerifier } from './token-verifier';

/** The passport strategy name the bearer guard runs. */
export const SCOPES_JWT_STRATEGY = 'nest-scopes-jwt';

// passport-jwt's types predate KeyObject; jsonwebtoken, which it calls, takes one.
type KeyCallback = (error: Error | null, key?: string) => void;
type StrategyRequest = Parameters<Strategy['authenticate']>[0];

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * passport-jwt's strategy, fed by the verifier's key resolver: jsonwebtoken checks the signature,
 * `iss`, `aud`, `exp` and `nbf`; the verifier then maps the token to a principal.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, SCOPES_JWT_STRATEGY) {
  constructor(private readonly verifier: TokenVerifier) {
    const { clockTolerance, ...checked } = verifier.jwtOptions;
    super({
      jwtFromRequest: bearerToken,
      ...checked,
      jsonWebTokenOptions: { clockTolerance },
      passReqToCallback: true,
      secretOrKeyProvider: (_request: unknown, token: string, done: KeyCallback) => {
        verifier.keyFor(token).then(
          (key) =>
            key
              ? done(null, key as unknown as string)
              : done(new InvalidTokenException('The access token is invalid')),
          (error: Error) => done(error),
        );
      },
    });
  }

  /**
   * A token of an introspecting issuer is asked about instead (RFC 7662). A token whose signature
   * checked out before skips passport-jwt's signature check (when the app gave a verified-token
   * store); every other check runs as for a new token.
   */
  override authenticate(request: StrategyRequest, options?: unknown): void {
    const token = bearerToken(request);
    const introspector = token ? this.verifier.introspectorFor(token) : undefined;
    if (token && introspector) {
      introspector
        .claims(token)
        .then((claims) => (claims ? this.verifier.principalFor(claims) : undefined))
        .then(
          (principal) => (principal ? this.success(principal) : this.fail(401)),
          (error: Error) =>
            this.error(
              error instanceof InvalidTokenException
                ? error
                : new ServiceUnavailableException('The token issuer could not be asked'),
            ),
        );
      return;
    }
    const claims = token ? this.verifier.cachedClaims(token) : undefined;
    if (!claims) return super.authenticate(request, options);
    this.verifier.principalFor(claims).then(
      (principal) => this.success(principal),
      (error: Error) => this.error(error),
    );
  }

  validate(request: StrategyRequest, claims: Claims): Promise<Principal> {
    this.verifier.remember(bearerToken(request)!, claims);
    return this.verifier.principalFor(claims);
  }
}
