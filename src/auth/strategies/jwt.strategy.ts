import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { InvalidTokenException } from '../../common/authz/bearer-errors';
import { ACCESS_TOKEN_STRATEGY } from '../../common/authz/jwt-auth.guard';
import { Principal } from '../../common/authz/principal';
import { AccessTokenVerifier } from '../token/access-token.verifier';

// passport-jwt's types predate KeyObject; jsonwebtoken, which it calls, takes one.
type KeyCallback = (error: Error | null, key?: string) => void;
type StrategyRequest = Parameters<Strategy['authenticate']>[0];

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** The bearer-token strategy every protected route runs, through the global JwtAuthGuard. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super({
      jwtFromRequest: bearerToken,
      ...verifier.options,
      passReqToCallback: true,
      secretOrKeyProvider: (_request: FastifyRequest, token: string, done: KeyCallback) => {
        const key = verifier.keyFor(token);
        if (key) done(null, key as unknown as string);
        else done(new InvalidTokenException('The access token is invalid'));
      },
    });
  }

  /**
   * A token whose signature checked out before skips passport-jwt's signature check (see
   * VerifiedTokenCache); every other check runs as for a new token.
   */
  override authenticate(request: StrategyRequest, options?: unknown): void {
    const token = bearerToken(request);
    const claims = token ? this.verifier.cachedClaims(token) : undefined;
    if (!claims) return super.authenticate(request, options);
    this.verifier.principalFrom(claims).then(
      (principal) => this.success(principal),
      (error: Error) => this.error(error),
    );
  }

  validate(request: StrategyRequest, claims: Record<string, unknown>): Promise<Principal> {
    this.verifier.remember(bearerToken(request)!, claims);
    return this.verifier.principalFrom(claims);
  }
}
