import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { Algorithm, verify } from 'jsonwebtoken';
import { InvalidTokenException } from '../../common/authz/bearer-errors';
import { Principal } from '../../common/authz/principal';
import { expandScopes, isScope } from '../../common/authz/scope-implications';
import { ClientsService } from '../../clients/clients.service';
import { AppConfig, appConfig } from '../../config/app.config';
import { UsersService } from '../../users/users.service';
import { SigningKeys } from '../keys/signing-keys';
import { AccessTokenDenylist } from '../revocation/access-token-denylist';
import { ACCESS_TOKEN_TYPE } from './token.service';
import { VerifiedClaims, VerifiedTokenCache } from './verified-token-cache';

const invalid = () => new InvalidTokenException('The access token is invalid');

function decodeHeader(token: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    return typeof header === 'object' && header !== null
      ? (header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Access-token validation as contract section 4 says, shared by the passport JwtStrategy (which
 * runs jsonwebtoken with `options` and `keyFor`) and by introspection and revocation.
 */
@Injectable()
export class AccessTokenVerifier {
  /** jsonwebtoken checks the signature with the pinned algorithm, `iss`, `aud` and `exp`. */
  readonly options: { algorithms: Algorithm[]; issuer: string; audience: string };
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly keys: SigningKeys,
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly users: UsersService,
    private readonly clients: ClientsService,
    private readonly denylist: AccessTokenDenylist,
  ) {
    const { algorithm, issuer, audience } = config.jwt;
    this.options = { algorithms: [algorithm], issuer, audience };
  }

  /**
   * The key for the token's `kid`, after holding its header to RFC 9068 (`typ`) and RFC 7515
   * (`crit`, which jsonwebtoken would ignore). Undefined when the token must be refused.
   */
  keyFor(token: string): KeyObject | undefined {
    const header = decodeHeader(token);
    if (!header || header.crit !== undefined || typeof header.kid !== 'string') return undefined;
    const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
    if (typ !== ACCESS_TOKEN_TYPE && typ !== `application/${ACCESS_TOKEN_TYPE}`) return undefined;
    return this.keys.verificationKey(header.kid);
  }

  /** The claims of a token whose signature, `iss`, `aud` and `exp` hold; undefined otherwise. */
  verifiedClaims(token: string): Record<string, unknown> | undefined {
    const cached = this.verified.get(token);
    if (cached) return cached;
    const key = this.keyFor(token);
    if (!key) return undefined;
    try {
      const claims = verify(token, key, { ...this.options, complete: false });
      if (typeof claims !== 'object') return undefined;
      this.remember(token, claims);
      return claims;
    } catch {
      return undefined;
    }
  }

  /** The claims of a token verified before and not expired since, if it is one. */
  cachedClaims(token: string): VerifiedClaims | undefined {
    return this.verified.get(token);
  }

  /** Notes a token whose signature, `iss`, `aud` and `exp` were just checked. */
  remember(token: string, claims: Record<string, unknown>): void {
    if (typeof claims.exp === 'number') this.verified.set(token, claims as VerifiedClaims);
  }

  /** Full validation for introspection: the principal, or undefined. */
  async verify(
    token: string,
  ): Promise<{ principal: Principal; claims: Record<string, unknown> } | undefined> {
    const claims = this.verifiedClaims(token);
    if (!claims) return undefined;
    try {
      return { principal: await this.principalFrom(claims), claims };
    } catch (error) {
      if (error instanceof InvalidTokenException) return undefined;
      throw error;
    }
  }

  /**
   * The principal of verified claims: they must be complete and not revoked, their client must
   * still be registered, and their user must still be what it was when the token was issued.
   */
  async principalFrom(claims: Record<string, unknown>): Promise<Principal> {
    const { sub, exp, jti, client_id: clientId, scope, ver } = claims;
    if (
      typeof sub !== 'string' ||
      sub === '' ||
      typeof exp !== 'number' ||
      typeof jti !== 'string' ||
      typeof clientId !== 'string' ||
      typeof scope !== 'string'
    ) {
      throw invalid();
    }
    const scopes = scope.split(' ').filter(Boolean);
    if (!scopes.every(isScope)) throw invalid();
    if (await this.denylist.has(jti))
      throw new InvalidTokenException('The access token was revoked');
    const base = {
      subject: sub,
      clientId,
      scopes,
      effectiveScopes: expandScopes(scopes),
      tokenId: jti,
      expiresAt: exp,
    };

    // Deleting a client ends every token issued to it, its users' tokens included.
    if (!(await this.clients.find(clientId))) throw new InvalidTokenException('The client is gone');
    if (ver === undefined && sub === clientId) return { ...base, kind: 'client' };
    if (typeof ver !== 'number') throw invalid();
    const state = await this.users.tokenState(sub);
    if (!state || state.tokenVersion !== ver) {
      throw new InvalidTokenException('The access token is no longer valid');
    }
    return { ...base, kind: 'user', role: state.role };
  }
}
