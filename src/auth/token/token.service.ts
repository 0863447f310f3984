import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Scope } from '../../common/authz/scope-table';
import { AppConfig, appConfig } from '../../config/app.config';
import { SigningKeys } from '../keys/signing-keys';

/** RFC 9068 section 2.1: the media type of a JWT access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Claims scopegate adds to RFC 9068's; `ver` is the user's token version (see UserEntity). */
export interface AccessTokenClaims {
  sub: string;
  client_id: string;
  scope: string;
  jti: string;
  ver?: number;
}

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scope: string;
}

export interface AccessTokenSubject {
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  readonly tokenVersion?: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeys,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  issueAccessToken({
    subject,
    clientId,
    scopes,
    tokenVersion,
  }: AccessTokenSubject): IssuedAccessToken {
    const { algorithm, issuer, audience, accessTokenTtl } = this.config.jwt;
    const scope = scopes.join(' ');
    const claims: AccessTokenClaims = {
      sub: subject,
      client_id: clientId,
      scope,
      jti: randomUUID(),
    };
    if (tokenVersion !== undefined) claims.ver = tokenVersion;
    const accessToken = this.jwt.sign(claims, {
      privateKey: this.keys.current.signingKey,
      algorithm,
      keyid: this.keys.current.kid,
      header: { alg: algorithm, typ: ACCESS_TOKEN_TYPE },
      issuer,
      audience,
      expiresIn: accessTokenTtl,
    });
    return { accessToken, expiresIn: accessTokenTtl, scope };
  }
}
