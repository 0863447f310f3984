import type { KeyObject } from 'node:crypto';
import { Principal } from './principal';
import { ScopeCatalog } from './scope-catalog';
import { ScopeClaim } from './scope-claims';

export const SCOPES_OPTIONS = Symbol('nest-scopes:options');
export const SCOPES_REALM = Symbol('nest-scopes:realm');
/** The key sources and introspection clients of remote issuers, by issuer. */
export const SCOPES_REMOTE_ISSUERS = Symbol('nest-scopes:remote-issuers');

/** JWS algorithms an issuer may sign with (none of `none`, ever). */
export type SigningAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'HS256'
  | 'HS384'
  | 'HS512';

/** Keys the app holds itself (e.g. the authorization server in the same process). */
export interface LocalKeys {
  readonly algorithms: readonly SigningAlgorithm[];
  /** The key for a token's `kid`, or undefined; never a guess among several. */
  key(kid: string): KeyObject | undefined;
}

/** An issuer whose tokens the app accepts, and how to read them. */
export interface IssuerOptions {
  /** Exactly the token's `iss`, and (for remote issuers) where discovery starts. */
  readonly issuer: string;
  /** The `aud` a token must name (one of them, when several). */
  readonly audience: string | readonly string[];
  /**
   * Where the keys come from: `local` keys, or (the default) the issuer's published JWKS, found by
   * RFC 8414 / OpenID discovery from `issuer` alone, or at `jwksUri` when given.
   */
  readonly keys?: LocalKeys;
  readonly jwksUri?: string;
  /** Only these algorithms, whatever the keys allow (each key is pinned to one algorithm). */
  readonly algorithms?: readonly SigningAlgorithm[];
  /**
   * Ask the issuer about every token (RFC 7662) instead of checking its signature: a token revoked
   * at the issuer is refused at once, at the cost of a call per request (see introspectionCache).
   */
  readonly introspection?: {
    readonly clientId: string;
    readonly clientSecret: string;
    /** Default: the issuer metadata's `introspection_endpoint`. */
    readonly endpoint?: string;
  };
  /** A `typ` the header must carry, e.g. `at+jwt` (RFC 9068); `application/` prefix accepted. */
  readonly typ?: string;
  /** Where the token's scopes are: `scope` (RFC 9068, the default), `scp`, `permissions`, ... */
  readonly scopeClaim?: ScopeClaim;
}

/** How remote issuers' keys are fetched and kept. */
export interface RemoteKeyOptions {
  /** After this long a key set is refreshed in the background; its keys serve meanwhile (600 s). */
  readonly cacheMaxAgeSeconds?: number;
  /** How many keys of an issuer's set are kept (10). */
  readonly cacheMaxKeys?: number;
  /** At most this many JWKS fetches a minute per issuer, one at a time, whatever asks (10). */
  readonly fetchesPerMinute?: number;
  /** Timeout of each discovery or JWKS request (5000 ms). */
  readonly timeoutMs?: number;
  /** After a failed discovery, wait this long before trying again (30 s). */
  readonly discoveryRetrySeconds?: number;
}

/** What introspection answers are kept, and how long. */
export interface IntrospectionCacheOptions {
  /** Seconds an "active" answer is reused (0: never, so revocation takes effect at once). */
  readonly activeSeconds?: number;
  /** Seconds an "inactive" answer is reused (30). */
  readonly inactiveSeconds?: number;
  /** Answers kept at most (10,000). */
  readonly maxEntries?: number;
}

/** Hands back claims of tokens whose signature checked out before, to skip checking it again. */
export interface VerifiedTokenStore {
  get(token: string): Record<string, unknown> | undefined;
  set(token: string, claims: Record<string, unknown>): void;
}

export interface ScopesModuleOptions<S extends string = string> {
  readonly scopes: ScopeCatalog<S>;
  /** Every issuer trusted; a token is checked against the one its `iss` names. */
  readonly issuers: readonly IssuerOptions[];
  readonly remoteKeys?: RemoteKeyOptions;
  readonly introspectionCache?: IntrospectionCacheOptions;
  /** `realm` of every Bearer challenge (RFC 6750 section 3). */
  readonly realm?: string;
  /** Seconds of clock skew allowed on `exp` and `nbf` (0 by default); `iat` is not checked. */
  readonly clockTolerance?: number;
  /** A token naming a scope outside the table: `ignore` it (default) or `reject` the token. */
  readonly unknownScopes?: 'ignore' | 'reject';
  /**
   * The app's own last word on a verified token (revocation, the user's state, ...): return the
   * principal (possibly extended), or throw InvalidTokenException to refuse it.
   */
  readonly validatePrincipal?: (
    principal: Principal<S>,
    claims: Readonly<Record<string, unknown>>,
  ) => Principal<S> | Promise<Principal<S>>;
  readonly verifiedTokens?: VerifiedTokenStore;
}
