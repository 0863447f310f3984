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

/** The bearer-token strategy every protected route runs, through the global JwtAuthGuard. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ...verifier.options,
      secretOrKeyProvider: (_request: FastifyRequest, token: string, done: KeyCallback) => {
        const key = verifier.keyFor(token);
        if (key) done(null, key as unknown as string);
        else done(new InvalidTokenException('The access token is invalid'));
      },
    });
  }

  validate(claims: Record<string, unknown>): Promise<Principal> {
    return this.verifier.principalFrom(claims);
  }
}
