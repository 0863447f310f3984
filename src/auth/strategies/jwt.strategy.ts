import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { InvalidTokenException } from '../../common/authz/bearer-errors';
import { ACCESS_TOKEN_STRATEGY } from '../../common/authz/jwt-auth.guard';
import { Principal } from '../../common/authz/principal';
import { expandScopes, isScope } from '../../common/authz/scope-implications';
import { AppConfig, appConfig } from '../../config/app.config';
import { UsersService } from '../../users/users.service';
import { SigningKeys } from '../keys/signing-keys';
import { ACCESS_TOKEN_TYPE } from '../token/token.service';

// passport-jwt's types predate KeyObject; jsonwebtoken, which it calls, takes one.
type KeyCallback = (error: Error | null, key?: string) => void;

function decodeHeader(token: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    return typeof header === 'object' && header !== null
      ? (header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const invalid = () => new InvalidTokenException('The access token is invalid');

/**
 * Validates access tokens as contract section 4 says. jsonwebtoken checks the signature with the
 * pinned algorithm, `iss`, `aud` and `exp`; the key is chosen by `kid` here, where the header is
 * also held to RFC 9068 (`typ`) and RFC 7515 (`crit`, which jsonwebtoken would ignore).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    keys: SigningKeys,
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [config.jwt.algorithm],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      secretOrKeyProvider: (_request: FastifyRequest, token: string, done: KeyCallback) => {
        const header = decodeHeader(token);
        const typ = typeof header?.typ === 'string' ? header.typ.toLowerCase() : undefined;
        const key =
          header &&
          header.crit === undefined &&
          (typ === ACCESS_TOKEN_TYPE || typ === `application/${ACCESS_TOKEN_TYPE}`) &&
          typeof header.kid === 'string'
            ? keys.verificationKey(header.kid)
            : undefined;
        if (key) done(null, key as unknown as string);
        else done(invalid());
      },
    });
  }

  async validate(payload: Record<string, unknown>): Promise<Principal> {
    const { sub, exp, jti, client_id: clientId, scope, ver } = payload;
    if (
      typeof sub !== 'string' ||
      sub === '' ||
      typeof exp !== 'number' ||
      typeof jti !== 'string' ||
      typeof clientId !== 'string' ||
      typeof scope !== 'string' ||
      typeof ver !== 'number'
    ) {
      throw invalid();
    }
    const scopes = scope.split(' ').filter(Boolean);
    if (!scopes.every(isScope)) throw invalid();
    const state = await this.users.tokenState(sub);
    if (!state || state.tokenVersion !== ver) {
      throw new InvalidTokenException('The access token is no longer valid');
    }
    return {
      kind: 'user',
      subject: sub,
      clientId,
      role: state.role,
      scopes,
      effectiveScopes: expandScopes(scopes),
      tokenId: jti,
      expiresAt: exp,
    };
  }
}
