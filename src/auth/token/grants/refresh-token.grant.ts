import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isScope, ROLE_SCOPES } from '../../../common/authz/scope-table';
import { invalidGrant, OAuthError } from '../../../common/errors/oauth-error';
import { nowSeconds } from '../../../common/time';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { RefreshGrant, RefreshTokenService } from '../../refresh/refresh-token.service';
import { narrowScopes } from '../scope-grant';
import { GrantRequest, TokenGrant } from './token-grant';
import { UserTokens } from './user-tokens.service';

/**
 * RFC 6749 section 6: rotates the refresh token. Presenting one that was already rotated revokes
 * its whole chain and every access token issued from it (RFC 9700 section 4.14.2).
 */
@Injectable()
export class RefreshTokenGrant implements TokenGrant {
  readonly type = 'refresh_token';

  constructor(
    private readonly refreshTokens: RefreshTokenService,
    private readonly userTokens: UserTokens,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async issue({ params, client, audit }: GrantRequest): Promise<TokenResponseDto> {
    const presented = params.refresh_token;
    if (presented === undefined) {
      throw new OAuthError('invalid_request', 'The refresh_token grant needs refresh_token');
    }
    const stored = await this.refreshTokens.find(presented);
    if (!stored || stored.clientId !== client.id || stored.revokedAt !== null) throw invalidGrant();
    if (stored.usedAt !== null) {
      throw await this.userTokens.replayed(stored.familyId, stored.userId, client, audit);
    }
    if (stored.expiresAt <= nowSeconds()) throw invalidGrant();
    const role = await this.userTokens.currentRole(stored.userId, stored.tokenVersion);
    const scopes = narrowScopes(params.scope, stored.scope.split(' ').filter(isScope), [
      ROLE_SCOPES[role],
      client.scopes,
    ]);

    const grant: RefreshGrant = {
      userId: stored.userId,
      clientId: stored.clientId,
      scope: stored.scope,
      tokenVersion: stored.tokenVersion,
      familyId: stored.familyId,
    };
    const rotated = await this.dataSource.transaction(async (manager) => {
      if (!(await this.refreshTokens.markUsed(manager, stored.id))) return undefined;
      return this.userTokens.issue(grant, scopes, manager);
    });
    // Without a result, another request rotated it first: the same token was presented twice.
    if (!rotated) {
      throw await this.userTokens.replayed(stored.familyId, stored.userId, client, audit);
    }
    audit.record('token.refreshed', {
      grant: this.type,
      sub: stored.userId,
      clientId: client.id,
      scope: rotated.scope,
    });
    return rotated;
  }
}
