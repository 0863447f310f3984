import { createPublicKey } from 'node:crypto';
import { JwksClient, SigningKey } from 'jwks-rsa';
import { IssuerOptions, RemoteKeyOptions } from '../module-options';
import { IssuerDiscovery } from './issuer-discovery';
import { pinnedAlgorithms } from './key-algorithms';
import { KeySource, ResolvedKey } from './key-source';

export const REMOTE_KEY_DEFAULTS: Required<RemoteKeyOptions> = {
  cacheMaxAgeSeconds: 600,
  cacheMaxKeys: 10,
  fetchesPerMinute: 10,
  timeoutMs: 5_000,
  discoveryRetrySeconds: 30,
};

/**
 * An issuer's published key set: its JWKS found by discovery (or named), fetched whole (jwks-rsa)
 * and kept whole, each key parsed into a KeyObject once and pinned to its algorithm.
 *
 * A known `kid` never waits for the network: an aged set is refreshed in the background and the
 * last good one serves meanwhile, also while the issuer is unreachable. An unknown `kid` fetches
 * the set again, one fetch at a time whoever asks, at most `fetchesPerMinute` a minute (a bucket
 * of that many, refilled over the minute): a rotation is followed at once, made-up `kid`s cannot
 * fetch more often, and since every fetch reads the whole set, a flood of them delays learning a
 * newly published key by one interval at most, never stops it.
 */
export class RemoteJwks implements KeySource {
  private client?: Promise<JwksClient>;
  private keys?: Map<string, ResolvedKey>;
  private fetchedAt = 0;
  private fetching?: Promise<void>;
  private allowance: number;
  private allowanceAt = performance.now();

  constructor(
    private readonly issuer: IssuerOptions,
    private readonly settings: Required<RemoteKeyOptions>,
    private readonly discovery: IssuerDiscovery,
  ) {
    this.allowance = settings.fetchesPerMinute;
  }

  async resolve(kid: string): Promise<ResolvedKey | undefined> {
    const now = performance.now();
    const known = this.keys?.get(kid);
    if (known) {
      // Never rejects: a failed refresh keeps the last good set.
      if (now - this.fetchedAt > this.settings.cacheMaxAgeSeconds * 1000) void this.refresh(now);
      return known;
    }
    await this.refresh(now);
    return this.keys?.get(kid);
  }

  /** Fetches the set unless a fetch runs (then waits for it) or this minute's fetches are spent. */
  private refresh(now: number): Promise<void> {
    if (this.fetching) return this.fetching;
    const perMinute = this.settings.fetchesPerMinute;
    this.allowance = Math.min(
      perMinute,
      this.allowance + ((now - this.allowanceAt) * perMinute) / 60_000,
    );
    this.allowanceAt = now;
    if (this.allowance < 1) return Promise.resolve();
    this.allowance -= 1;
    this.fetching = this.fetchSet()
      .then(
        (keys) => {
          this.keys = keys;
          this.fetchedAt = performance.now();
        },
        // The last good set keeps serving; a token under an unknown kid is refused meanwhile.
        () => undefined,
      )
      .finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  /** The published signing keys that name a `kid`, at most `cacheMaxKeys` of them. */
  private async fetchSet(): Promise<Map<string, ResolvedKey>> {
    const published = await (await this.jwksClient()).getSigningKeys();
    const keys = new Map<string, ResolvedKey>();
    for (const signingKey of published) {
      if (keys.size >= this.settings.cacheMaxKeys) break;
      if (typeof signingKey.kid === 'string' && !keys.has(signingKey.kid)) {
        keys.set(signingKey.kid, this.resolved(signingKey));
      }
    }
    return keys;
  }

  private resolved(signingKey: SigningKey): ResolvedKey {
    const key = createPublicKey(signingKey.getPublicKey());
    const allowed = this.issuer.algorithms;
    const algorithms = pinnedAlgorithms(key, signingKey.alg).filter(
      (alg) => !allowed || allowed.includes(alg),
    );
    return { key, algorithms };
  }

  /** The JWKS client, once discovery found the JWKS (a failed discovery is tried again later). */
  private jwksClient(): Promise<JwksClient> {
    this.client ??= this.jwksUri().then(
      (jwksUri) => new JwksClient({ jwksUri, cache: false, timeout: this.settings.timeoutMs }),
      (error: Error) => {
        this.client = undefined;
        throw error;
      },
    );
    return this.client;
  }

  private async jwksUri(): Promise<string> {
    if (this.issuer.jwksUri) return this.issuer.jwksUri;
    const metadata = await this.discovery.get();
    if (typeof metadata.jwks_uri !== 'string') {
      throw new Error(`${this.issuer.issuer} publishes no jwks_uri`);
    }
    return metadata.jwks_uri;
  }
}
