import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { IntrospectionCacheOptions, IssuerOptions } from '../module-options';
import { IssuerDiscovery } from './issuer-discovery';

type Claims = Readonly<Record<string, unknown>>;

export const INTROSPECTION_CACHE_DEFAULTS: Required<IntrospectionCacheOptions> = {
  activeSeconds: 0,
  inactiveSeconds: 30,
  maxEntries: 10_000,
};

/**
 * RFC 7662: the issuer itself says whether a token is active, so a revoked token is refused at
 * once. Answers are kept in a bounded cache by the token's SHA-256 (never the token): "inactive"
 * for `inactiveSeconds` (a dead token does not come back), "active" only for `activeSeconds`
 * (0 by default: every request asks), never past the token's `exp`. Concurrent requests with one
 * token share one call.
 */
export class RemoteIntrospection {
  private readonly answers: LRUCache<string, { claims?: Claims }>;
  private readonly inFlight = new Map<string, Promise<Claims | undefined>>();

  constructor(
    private readonly issuer: IssuerOptions & {
      introspection: NonNullable<IssuerOptions['introspection']>;
    },
    private readonly cache: Required<IntrospectionCacheOptions>,
    private readonly discovery: IssuerDiscovery,
    private readonly timeoutMs: number,
  ) {
    this.answers = new LRUCache({ max: cache.maxEntries, ttlAutopurge: false });
  }

  /** The active token's claims (`iss` filled in when the answer omits it), or undefined. */
  async claims(token: string): Promise<Claims | undefined> {
    const key = hash('sha256', token, 'base64');
    const cached = this.answers.get(key);
    if (cached) return cached.claims;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.ask(token, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async ask(token: string, key: string): Promise<Claims | undefined> {
    const { clientId, clientSecret, endpoint } = this.issuer.introspection;
    const url = endpoint ?? (await this.discovery.get()).introspection_endpoint;
    if (!url) throw new Error(`${this.issuer.issuer} publishes no introspection_endpoint`);
    const basic = Buffer.from(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    ).toString('base64');
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`Introspection at ${url} answered ${response.status}`);
    const answer = (await response.json()) as Record<string, unknown>;
    if (answer.active !== true) {
      this.answers.set(key, {}, { ttl: this.cache.inactiveSeconds * 1000 });
      return undefined;
    }
    const claims: Claims = { ...answer, iss: answer.iss ?? this.issuer.issuer };
    const untilExp = typeof claims.exp === 'number' ? claims.exp * 1000 - Date.now() : 0;
    const ttl = Math.min(this.cache.activeSeconds * 1000, untilExp);
    if (ttl > 0) this.answers.set(key, { claims }, { ttl });
    return claims;
  }
}
