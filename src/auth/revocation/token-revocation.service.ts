import { Injectable } from '@nestjs/common';
import { TokenVerifier } from '@scopegate/nest-scopes';
import { OAuthClient } from '../../clients/oauth-client';
import { AuditTrail } from '../oauth/audit-trail';
import { RefreshTokenService } from '../refresh/refresh-token.service';
import { AccessTokenDenylist } from './access-token-denylist';

/**
 * RFC 7009 section 2.1: a client revokes only tokens issued to it, public clients included (one
 * that presents another's token may have stolen it). The answer is 200 either way (section 2.2),
 * so the caller learns nothing about a token that is not its own.
 */
function issuedToCaller(client: OAuthClient, issuedTo: unknown): boolean {
  return issuedTo === client.id;
}

@Injectable()
export class TokenRevocationService {
  constructor(
    private readonly refreshTokens: RefreshTokenService,
    private readonly denylist: AccessTokenDenylist,
    private readonly verifier: TokenVerifier,
  ) {}

  /** Ends a refresh-token chain and the access tokens issued from it. */
  async revokeChain(familyId: string): Promise<void> {
    const issued = await this.refreshTokens.revokeFamily(familyId);
    await Promise.all(
      issued.map((access) => this.denylist.add(access.accessTokenId, access.accessTokenExpiresAt)),
    );
  }

  /** RFC 7009: whatever the token, known or not, the caller learns nothing but success. */
  async revoke(
    token: string,
    hint: string | undefined,
    client: OAuthClient,
    audit: AuditTrail,
  ): Promise<void> {
    const attempts =
      hint === 'access_token'
        ? [
            () => this.revokeAccessToken(token, client, audit),
            () => this.revokeRefreshToken(token, client, audit),
          ]
        : [
            () => this.revokeRefreshToken(token, client, audit),
            () => this.revokeAccessToken(token, client, audit),
          ];
    for (const attempt of attempts) {
      if (await attempt()) return;
    }
  }

  private async revokeRefreshToken(
    token: string,
    client: OAuthClient,
    audit: AuditTrail,
  ): Promise<boolean> {
    const stored = await this.refreshTokens.find(token);
    if (!stored) return false;
    if (!issuedToCaller(client, stored.clientId)) {
      audit.record('token.revocation_refused', { kind: 'refresh_token', clientId: client.id });
      return true;
    }
    await this.revokeChain(stored.familyId);
    audit.record('token.revoked', {
      kind: 'refresh_token',
      sub: stored.userId,
      clientId: client.id,
    });
    return true;
  }

  private async revokeAccessToken(
    token: string,
    client: OAuthClient,
    audit: AuditTrail,
  ): Promise<boolean> {
    const claims = await this.verifier.verifiedClaims(token);
    if (typeof claims?.jti !== 'string' || typeof claims.exp !== 'number') return false;
    if (!issuedToCaller(client, claims.client_id)) {
      audit.record('token.revocation_refused', { kind: 'access_token', clientId: client.id });
      return true;
    }
    await this.denylist.add(claims.jti, claims.exp);
    const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
    audit.record('token.revoked', { kind: 'access_token', sub, clientId: client.id });
    return true;
  }
}
