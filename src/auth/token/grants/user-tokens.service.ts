import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role, Scope } from '../../../common/authz/scope-table';
import { invalidGrant, OAuthError } from '../../../common/errors/oauth-error';
import { OAuthClient } from '../../../clients/oauth-client';
import { UsersService } from '../../../users/users.service';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { AuditTrail } from '../../oauth/audit-trail';
import { RefreshGrant, RefreshTokenService } from '../../refresh/refresh-token.service';
import { TokenRevocationService } from '../../revocation/token-revocation.service';
import { tokenAnswer, TokenService } from '../token.service';

/** What the grants that act for a user share: their tokens, the user's state, replay handling. */
@Injectable()
export class UserTokens {
  constructor(
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly revocation: TokenRevocationService,
    private readonly users: UsersService,
  ) {}

  /** An access token for a user, and the next refresh token of its chain. */
  async issue(
    grant: RefreshGrant,
    scopes: Scope[],
    manager?: EntityManager,
  ): Promise<TokenResponseDto> {
    const access = this.tokens.issueAccessToken({
      subject: grant.userId,
      clientId: grant.clientId,
      scopes,
      tokenVersion: grant.tokenVersion,
    });
    const refreshToken = await this.refreshTokens.issue(
      grant,
      { accessTokenId: access.tokenId, accessTokenExpiresAt: access.expiresAt },
      manager,
    );
    return tokenAnswer(access, refreshToken);
  }

  /** The user's role, if a grant made at `tokenVersion` still holds (enabled, unchanged). */
  async currentRole(userId: string, tokenVersion: number): Promise<Role> {
    const state = await this.users.tokenState(userId);
    if (state?.tokenVersion !== tokenVersion) throw invalidGrant();
    return state.role;
  }

  /** RFC 9700 section 4.14.2: a used code or rotated refresh token came back; end its chain. */
  async replayed(
    familyId: string | null,
    userId: string,
    client: OAuthClient,
    audit: AuditTrail,
  ): Promise<OAuthError> {
    if (familyId) await this.revocation.revokeChain(familyId);
    audit.record('token.reuse_detected', { sub: userId, clientId: client.id });
    return invalidGrant();
  }
}
