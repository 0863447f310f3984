import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ROLE_SCOPES } from '../../../common/authz/scope-table';
import { invalidGrant, OAuthError } from '../../../common/errors/oauth-error';
import { AppConfig, appConfig } from '../../../config/app.config';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { PasswordCredentials } from '../../credentials/password-credentials.service';
import { grantScopes } from '../scope-grant';
import { GrantRequest, TokenGrant } from './token-grant';
import { UserTokens } from './user-tokens.service';

/**
 * RFC 6749 section 4.3, for public clients only, and only while PASSWORD_GRANT allows it. The user
 * is authenticated by the shared password check (passport-local); a new refresh-token chain starts.
 */
@Injectable()
export class PasswordGrant implements TokenGrant {
  readonly type = 'password';

  constructor(
    private readonly credentials: PasswordCredentials,
    private readonly userTokens: UserTokens,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async issue({ params, client, audit, address }: GrantRequest): Promise<TokenResponseDto> {
    if (!this.config.passwordGrant) {
      throw new OAuthError('unsupported_grant_type', 'The password grant is switched off');
    }
    if (!client.isPublic) {
      throw new OAuthError('unauthorized_client', 'The password grant is for public clients');
    }
    const { username, password } = params;
    if (username === undefined || password === undefined) {
      throw new OAuthError('invalid_request', 'The password grant needs username and password');
    }
    const user = await this.credentials.check(username, password, address);
    if (!user) throw invalidGrant();

    const scopes = grantScopes(params.scope, [ROLE_SCOPES[user.role], client.scopes]);
    const response = await this.userTokens.issue(
      {
        userId: user.id,
        clientId: client.id,
        scope: scopes.join(' '),
        tokenVersion: user.tokenVersion,
        familyId: randomUUID(),
      },
      scopes,
    );
    audit.record('token.issued', {
      grant: this.type,
      sub: user.id,
      clientId: client.id,
      scope: response.scope,
    });
    return response;
  }
}
