import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isScope, ROLE_SCOPES } from '../../../common/authz/scope-table';
import { invalidGrant, OAuthError } from '../../../common/errors/oauth-error';
import { nowSeconds } from '../../../common/time';
import { AuthorizationCodeService, pkceMatches } from '../../authorize/authorization-code.service';
import { TokenResponseDto } from '../../dto/token-response.dto';
import { RefreshGrant } from '../../refresh/refresh-token.service';
import { grantScopes } from '../scope-grant';
import { GrantRequest, TokenGrant } from './token-grant';
import { UserTokens } from './user-tokens.service';

/**
 * RFC 6749 section 4.1 with PKCE (RFC 7636): a code is single use, unexpired, for the same client
 * and redirect URI, and the verifier must match. A code presented again revokes what it issued.
 */
@Injectable()
export class AuthorizationCodeGrant implements TokenGrant {
  readonly type = 'authorization_code';

  constructor(
    private readonly codes: AuthorizationCodeService,
    private readonly userTokens: UserTokens,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async issue({ params, client, audit }: GrantRequest): Promise<TokenResponseDto> {
    const { code, redirect_uri: redirectUri, code_verifier: verifier } = params;
    if (!code || !redirectUri || !verifier) {
      throw new OAuthError(
        'invalid_request',
        'The code grant needs code, redirect_uri and code_verifier',
      );
    }
    const stored = await this.codes.find(code);
    if (!stored) throw invalidGrant();
    if (stored.usedAt !== null) {
      throw await this.userTokens.replayed(stored.familyId, stored.userId, client, audit);
    }
    if (
      stored.clientId !== client.id ||
      stored.redirectUri !== redirectUri ||
      stored.expiresAt <= nowSeconds() ||
      !pkceMatches(verifier, stored.codeChallenge)
    ) {
      throw invalidGrant();
    }
    const role = await this.userTokens.currentRole(stored.userId, stored.tokenVersion);
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
      return this.userTokens.issue(grant, scopes, manager);
    });
    if (!response) {
      // Another request redeemed it first: the same code was presented twice.
      const winner = await this.codes.find(code);
      throw await this.userTokens.replayed(winner?.familyId ?? null, stored.userId, client, audit);
    }
    audit.record('token.issued', {
      grant: this.type,
      sub: stored.userId,
      clientId: client.id,
      scope: response.scope,
    });
    return response;
  }
}
