import { Injectable } from '@nestjs/common';
import { OAuthError } from '../../../common/errors/oauth-error';
import { AuthorizationCodeGrant } from './authorization-code.grant';
import { ClientCredentialsGrant } from './client-credentials.grant';
import { PasswordGrant } from './password.grant';
import { RefreshTokenGrant } from './refresh-token.grant';
import { TokenGrant } from './token-grant';
import { UserTokens } from './user-tokens.service';

/** The token endpoint's grants by `grant_type`; a new grant is one file and one line here. */
@Injectable()
export class TokenGrants {
  private readonly byType: ReadonlyMap<string, TokenGrant>;

  constructor(
    code: AuthorizationCodeGrant,
    password: PasswordGrant,
    refresh: RefreshTokenGrant,
    clientCredentials: ClientCredentialsGrant,
  ) {
    this.byType = new Map([code, password, refresh, clientCredentials].map((g) => [g.type, g]));
  }

  for(grantType: string): TokenGrant {
    const grant = this.byType.get(grantType);
    if (!grant) throw new OAuthError('unsupported_grant_type', 'This grant_type is not supported');
    return grant;
  }
}

/** The providers behind TokenGrants, for the module. */
export const GRANT_PROVIDERS = [
  TokenGrants,
  AuthorizationCodeGrant,
  PasswordGrant,
  RefreshTokenGrant,
  ClientCredentialsGrant,
  UserTokens,
];
