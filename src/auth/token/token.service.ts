import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Scope } from '../../common/authz/scope-table';
import { AppConfig, appConfig } from '../../config/app.config';
import { TokenResponseDto } from '../dto/token-response.dto';
import { SigningKeys } from '../keys/signing-keys';
import { nowSeconds } from '../../common/time';

/** RFC 9068 section 2.1: the media type of a JWT access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scope: string;
  /** `jti` and `exp`, to revoke the token later. */
  readonly tokenId: string;
  readonly expiresAt: number;
}

export interface AccessTokenSubject {
  /** A user id; for client-credentials tokens, the client id (RFC 9068 section 2.2). */
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  /** The user's token version (see UserEntity); absent on client tokens. */
  readonly tokenVersion?: number;
}

/** RFC 6749 section 5.1: the access token, and the refresh token when the grant gives one. */
export const tokenAnswer = (
  access: IssuedAccessToken,
  refreshToken?: string,
): TokenResponseDto => ({
  access_token: access.accessToken,
  token_type: 'Bearer',
  expires_in: access.expiresIn,
  scope: access.scope,
  ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
});

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
    const tokenId = randomUUID();
    const issuedAt = nowSeconds();
    const expiresAt = issuedAt + accessTokenTtl;
    const claims = {
      sub: subject,
      client_id: clientId,
      scope,
      jti: tokenId,
      iat: issuedAt,
      exp: expiresAt,
      ...(tokenVersion === undefined ? {} : { ver: tokenVersion }),
    };
    const accessToken = this.jwt.sign(claims, {
      privateKey: this.keys.current.signingKey,
      algorithm,
      keyid: this.keys.current.kid,
      header: { alg: algorithm, typ: ACCESS_TOKEN_TYPE },
      issuer,
      audience,
    });
    return { accessToken, expiresIn: accessTokenTtl, scope, tokenId, expiresAt };
  }
}
