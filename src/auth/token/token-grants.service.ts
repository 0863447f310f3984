import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isScope } from '../../common/authz/scope-table';
import { Role, ROLE_SCOPES, Scope } from '../../common/authz/scope-table';
import { AuditTrail } from '../../common/logging/audit-trail';
import { OAuthClient } from '../../clients/oauth-client';
import { UserEntity } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { AuthorizationCodeService, pkceMatches } from '../authorize/authorization-code.service';
import { TokenRequestDto } from '../dto/token-request.dto';
import { TokenResponseDto } from '../dto/token-response.dto';
import { invalidGrant, OAuthError } from '../../common/errors/oauth-error';
import { nowSeconds } from '../../common/time';
import { RefreshGrant, RefreshTokenService } from '../refresh/refresh-token.service';
import { TokenRevocationService } from '../revocation/token-revocation.service';
import { grantScopes, narrowScopes } from './scope-grant';
import { IssuedAccessToken, TokenService } from './token.service';

const asResponse = (access: IssuedAccessToken, refreshToken?: string): TokenResponseDto => ({
  access_token: access.accessToken,
  token_type: 'Bearer',
  expires_in: access.expiresIn,
  scope: access.scope,
  ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
});

/** The grants of the token endpoint (RFC 6749 sections 4.1, 4.3, 4.4 and 6). */
@Injectable()
export class TokenGrantsService {
  constructor(
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly codes: AuthorizationCodeService,
    private readonly revocation: TokenRevocationService,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The user was authenticated by the LocalStrategy; a new refresh-token chain starts. */
  async password(
    user: UserEntity,
    client: OAuthClient,
    scope: string | undefined,
    audit: AuditTrail,
  ): Promise<TokenResponseDto> {
    const scopes = grantScopes(scope, [ROLE_SCOPES[user.role], client.scopes]);
    const response = await this.issueUserTokens(
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
      grant: 'password',
      sub: user.id,
      clientId: client.id,
      scope: response.scope,
    });
    return response;
  }

  /**
   * Redeems an authorization code: single use, unexpired, for the same client and redirect URI,
   * and the PKCE verifier must match. A code presented again revokes what it issued.
   */
  async authorizationCode(
    client: OAuthClient,
    params: TokenRequestDto,
    audit: AuditTrail,
  ): Promise<TokenResponseDto> {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = params;
    if (!code || !redirectUri || !verifier) {
      throw new OAuthError(
        'invalid_request',
        'The code grant needs code, redirect_uri and code_verifier',
      );
    }
    const stored = await this.codes.find(code);
    if (!stored) throw invalidGrant();
    if (stored.usedAt !== null)
      throw await this.replayed(stored.familyId, stored.userId, client, audit);
    if (
      stored.clientId !== client.id ||
      stored.redirectUri !== redirectUri ||
      stored.expiresAt <= nowSeconds() ||
      !pkceMatches(verifier, stored.codeChallenge)
    ) {
      throw invalidGrant();
    }
    const role = await this.currentRole(stored.userId, stored.tokenVersion);
    const scopes = grantScopes(undefined, [
      stored.scope.split(' ').filter(isScope),
      ROLE_SCOPES[role],
      client.scopes,
    ]);

    const grant: RefreshGrant = {
      userId: stored.userId,
      clientId: client.id,
      scope: stored.scope,
      tokenVersion: stored.tokenVersion,
      familyId: randomUUID(),
    };
    const response = await this.dataSource.transaction(async (manager) => {
      if (!(await this.codes.redeem(manager, stored.id, grant.familyId))) return undefined;
      return this.issueUserTokens(grant, scopes, manager);
    });
    if (!response) {
      // Another request redeemed it first: the same code was presented twice.
      const winner = await this.codes.find(code);
      throw await this.replayed(winner?.familyId ?? null, stored.userId, client, audit);
    }
    audit.record('token.issued', {
      grant: 'authorization_code',
      sub: stored.userId,
      clientId: client.id,
      scope: response.scope,
    });
    return response;
  }

  /**
   * Rotates the refresh token. Presenting one that was already rotated revokes its whole chain
   * and every access token issued from it (RFC 9700 section 4.14.2).
   */
  async refresh(
    client: OAuthClient,
    presented: string | undefined,
    scope: string | undefined,
    audit: AuditTrail,
  ): Promise<TokenResponseDto> {
    if (presented === undefined) {
      throw new OAuthError('invalid_request', 'The refresh_token grant needs refresh_token');
    }
    const stored = await this.refreshTokens.find(presented);
    if (!stored || stored.clientId !== client.id || stored.revokedAt !== null) throw invalidGrant();
    if (stored.usedAt !== null)
      throw await this.replayed(stored.familyId, stored.userId, client, audit);
    if (stored.expiresAt <= nowSeconds()) throw invalidGrant();
    const role = await this.currentRole(stored.userId, stored.tokenVersion);
    const scopes = narrowScopes(scope, stored.scope.split(' ').filter(isScope), [
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
      return this.issueUserTokens(grant, scopes, manager);
    });
    // Without a result, another request rotated it first: the same token was presented twice.
    if (!rotated) throw await this.replayed(stored.familyId, stored.userId, client, audit);
    audit.record('token.refreshed', {
      grant: 'refresh_token',
      sub: stored.userId,
      clientId: client.id,
      scope: rotated.scope,
    });
    return rotated;
  }

  /** A confidential client acting for itself: `sub` is its id, and there is no refresh token. */
  clientCredentials(
    client: OAuthClient,
    scope: string | undefined,
    audit: AuditTrail,
  ): TokenResponseDto {
    if (client.isPublic) {
      throw new OAuthError('unauthorized_client', 'Public clients cannot use client_credentials');
    }
    const scopes = grantScopes(scope, [client.scopes]);
    const access = this.tokens.issueAccessToken({
      subject: client.id,
      clientId: client.id,
      scopes,
    });
    audit.record('token.issued', {
      grant: 'client_credentials',
      sub: client.id,
      clientId: client.id,
      scope: access.scope,
    });
    return asResponse(access);
  }

  /** The user's role, if a grant made at `tokenVersion` still holds (enabled, unchanged). */
  private async currentRole(userId: string, tokenVersion: number): Promise<Role> {
    const state = await this.users.tokenState(userId);
    if (state?.tokenVersion !== tokenVersion) throw invalidGrant();
    return state.role;
  }

  /** An access token for a user, and the next refresh token of its chain. */
  private async issueUserTokens(
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
    return asResponse(access, refreshToken);
  }

  /** RFC 9700 section 4.14.2: a used code or rotated refresh token came back; end its chain. */
  private async replayed(
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
