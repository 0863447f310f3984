import { Injectable } from '@nestjs/common';
import { OAuthError } from '../../../common/errors/oauth-error';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { grantScopes } from '../scope-grant';
import { tokenAnswer, TokenService } from '../token.service';
import { GrantRequest, TokenGrant } from './token-grant';

/**
 * RFC 6749 section 4.4: a confidential client acting for itself. `sub` is its id, its own scopes
 * are the ceiling, and there is no refresh token.
 */
@Injectable()
export class ClientCredentialsGrant implements TokenGrant {
  readonly type = 'client_credentials';

  constructor(private readonly tokens: TokenService) {}

  async issue({ params, client, audit }: GrantRequest): Promise<TokenResponseDto> {
    if (client.isPublic) {
      throw new OAuthError('unauthorized_client', 'Public clients cannot use client_credentials');
    }
    const scopes = grantScopes(params.scope, [client.scopes]);
    const access = this.tokens.issueAccessToken({
      subject: client.id,
      clientId: client.id,
      scopes,
    });
    audit.record('token.issued', {
      grant: this.type,
      sub: client.id,
      clientId: client.id,
      scope: access.scope,
    });
    return tokenAnswer(access);
  }
}
