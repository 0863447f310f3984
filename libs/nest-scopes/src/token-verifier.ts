import { Inject, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { verify } from 'jsonwebtoken';
import { InvalidTokenException } from './bearer-errors';
import { KeySource, localKeySource } from './keys/key-source';
import { RemoteIntrospection } from './keys/remote-introspection';
import { RemoteIssuers } from './keys/remote-issuers';
import {
  IssuerOptions,
  SCOPES_REMOTE_ISSUERS,
  SCOPES_OPTIONS,
  ScopesModuleOptions,
} from './module-options';
import { Principal } from './principal';
import { readScopeClaim } from './scope-claims';
import { acceptableHeader, decodeSegment } from './token-header';

/** An issuer as the verifier uses it: its options, its audiences, its keys. */
interface TrustedIssuer {
  readonly options: IssuerOptions;
  readonly audiences: ReadonlySet<string>;
  readonly keys: KeySource;
}

type NonEmpty = [string, ...string[]];

export type Claims = Readonly<Record<string, unknown>>;

const invalid = () => new InvalidTokenException('The access token is invalid');

/**
 * Access-token validation, one pipeline for the passport JwtStrategy (which runs jsonwebtoken with
 * `jwtOptions` and `keyFor`) and for code that checks a token outside a request (`verify`).
 */
@Injectable()
export class TokenVerifier<S extends string = string> {
  /** What jsonwebtoken checks besides the signature; each issuer's own audience is checked after. */
  readonly jwtOptions: { issuer: NonEmpty; audience: NonEmpty; clockTolerance: number };
  private readonly issuers = new Map<string, TrustedIssuer>();
  /** The one issuer, when there is only one: no need to read `iss` before verifying. */
  private readonly onlyIssuer?: TrustedIssuer;

  constructor(
    @Inject(SCOPES_OPTIONS) private readonly options: ScopesModuleOptions<S>,
    @Inject(SCOPES_REMOTE_ISSUERS) private readonly remote: RemoteIssuers,
  ) {
    if (options.issuers.length === 0) throw new Error('ScopesModule needs at least one issuer');
    for (const issuer of options.issuers) {
      const keys = issuer.keys ? localKeySource(issuer.keys) : remote.keySources.get(issuer.issuer);
      if (!keys) throw new Error(`No key source for issuer ${issuer.issuer}`);
      const audiences = new Set([issuer.audience].flat());
      this.issuers.set(issuer.issuer, { options: issuer, audiences, keys });
    }
    if (this.issuers.size === 1) this.onlyIssuer = [...this.issuers.values()][0];
    this.jwtOptions = {
      issuer: [...this.issuers.keys()] as NonEmpty,
      audience: [
        ...new Set(options.issuers.flatMap((issuer) => [issuer.audience].flat())),
      ] as NonEmpty,
      clockTolerance: options.clockTolerance ?? 0,
    };
  }

  /**
   * The key for the token: chosen by its issuer's `kid`, after holding the header to what that
   * issuer demands; the header's `alg` must be one the key allows. Undefined: refuse the token.
   */
  async keyFor(token: string): Promise<KeyObject | undefined> {
    const header = decodeSegment(token, 0);
    const issuer = this.onlyIssuer ?? this.issuerNamedIn(token);
    if (!header || !issuer || !acceptableHeader(header, issuer.options.typ)) return undefined;
    const resolved = await issuer.keys.resolve(header.kid);
    if (!resolved || !resolved.algorithms.some((alg) => alg === header.alg)) return undefined;
    return resolved.key;
  }

  private issuerNamedIn(token: string): TrustedIssuer | undefined {
    const iss = decodeSegment(token, 1)?.iss;
    return typeof iss === 'string' ? this.issuers.get(iss) : undefined;
  }

  /**
   * The introspection client to ask about this token: its (unverified) `iss` names an issuer that
   * introspects, or it is opaque and the one issuer introspects. Undefined: verify it locally.
   */
  introspectorFor(token: string): RemoteIntrospection | undefined {
    const { introspectors } = this.remote;
    if (introspectors.size === 0) return undefined;
    if (this.onlyIssuer) return introspectors.get(this.onlyIssuer.options.issuer);
    const iss = decodeSegment(token, 1)?.iss;
    return typeof iss === 'string' ? introspectors.get(iss) : undefined;
  }

  /** The claims of a token verified before and not expired since, if it is one. */
  cachedClaims(token: string): Claims | undefined {
    return this.options.verifiedTokens?.get(token);
  }

  /** Notes a token whose signature, `iss`, `aud` and `exp` were just checked. */
  remember(token: string, claims: Claims): void {
    if (typeof claims.exp === 'number') this.options.verifiedTokens?.set(token, claims);
  }

  /** The claims of a token whose signature, `iss`, `aud` and `exp` hold; undefined otherwise. */
  async verifiedClaims(token: string): Promise<Claims | undefined> {
    const introspector = this.introspectorFor(token);
    if (introspector) return introspector.claims(token).catch(() => undefined);
    const cached = this.cachedClaims(token);
    if (cached) return cached;
    const key = await this.keyFor(token).catch(() => undefined);
    if (!key) return undefined;
    try {
      const claims = verify(token, key, {
        ...this.jwtOptions,
        complete: false,
      });
      if (typeof claims !== 'object') return undefined;
      this.remember(token, claims);
      return claims;
    } catch {
      return undefined;
    }
  }

  /** Full validation outside a request (introspection, ...): the principal, or undefined. */
  async verify(token: string): Promise<{ principal: Principal<S>; claims: Claims } | undefined> {
    const claims = await this.verifiedClaims(token);
    if (!claims) return undefined;
    try {
      return { principal: await this.principalFor(claims), claims };
    } catch (error) {
      if (error instanceof InvalidTokenException) return undefined;
      throw error;
    }
  }

  /**
   * The principal of verified claims: the audience its own issuer expects, a subject, an expiry,
   * its scopes mapped from the issuer's claim, then the app's own check.
   */
  async principalFor(claims: Claims): Promise<Principal<S>> {
    const issuer = typeof claims.iss === 'string' ? this.issuers.get(claims.iss) : undefined;
    const { sub, exp, jti } = claims;
    if (!issuer || typeof sub !== 'string' || sub === '' || typeof exp !== 'number') {
      throw invalid();
    }
    // Not [claims.aud].flat(): V8 runs flat() on a slow path, a cost on every request.
    const aud: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((value) => typeof value === 'string' && issuer.audiences.has(value))) {
      throw invalid();
    }
    const named = readScopeClaim(claims, issuer.options.scopeClaim);
    if (!named) throw invalid();
    const { scopes: catalog, unknownScopes, validatePrincipal } = this.options;
    const scopes = named.filter(catalog.isScope);
    if (unknownScopes === 'reject' && scopes.length !== named.length) throw invalid();
    const clientId = typeof claims.client_id === 'string' ? claims.client_id : claims.azp;
    const principal: Principal<S> = {
      subject: sub,
      issuer: issuer.options.issuer,
      clientId: typeof clientId === 'string' ? clientId : undefined,
      scopes,
      effectiveScopes: catalog.expand(scopes),
      tokenId: typeof jti === 'string' ? jti : undefined,
      expiresAt: exp,
      claims,
    };
    return validatePrincipal ? validatePrincipal(principal, claims) : principal;
  }
}
