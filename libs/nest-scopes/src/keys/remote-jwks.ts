import { createPublicKey, KeyObject } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
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
 * An issuer's published keys: its JWKS found by discovery (or named), fetched and cached by jwks-rsa
 * — bounded, each key kept for a while, an unknown `kid` fetched again at most `fetchesPerMinute`
 * times a minute. Each key is parsed into a KeyObject once (jsonwebtoken re-parses a PEM on every
 * call) and pinned to its algorithm.
 */
export class RemoteJwks implements KeySource {
  private client?: Promise<JwksClient>;
  /** Parsed keys by their PEM; bounded like the JWKS cache itself. */
  private readonly parsed = new Map<string, ResolvedKey>();

  constructor(
    private readonly issuer: IssuerOptions,
    private readonly settings: Required<RemoteKeyOptions>,
    private readonly discovery: IssuerDiscovery,
  ) {}

  async resolve(kid: string): Promise<ResolvedKey | undefined> {
    const client = await this.jwksClient();
    const signingKey = await client.getSigningKey(kid).catch(() => undefined);
    if (!signingKey) return undefined;
    const pem = signingKey.getPublicKey();
    let resolved = this.parsed.get(pem);
    if (!resolved) {
      const key: KeyObject = createPublicKey(pem);
      const allowed = this.issuer.algorithms;
      const algorithms = pinnedAlgorithms(key, signingKey.alg).filter(
        (alg) => !allowed || allowed.includes(alg),
      );
      resolved = { key, algorithms };
      if (this.parsed.size >= this.settings.cacheMaxKeys) this.parsed.clear();
      this.parsed.set(pem, resolved);
    }
    return resolved;
  }

  /** The JWKS client, once discovery found the JWKS (a failed discovery is tried again later). */
  private jwksClient(): Promise<JwksClient> {
    this.client ??= this.jwksUri().then(
      (jwksUri) =>
        new JwksClient({
          jwksUri,
          cache: true,
          cacheMaxEntries: this.settings.cacheMaxKeys,
          cacheMaxAge: this.settings.cacheMaxAgeSeconds * 1000,
          rateLimit: true,
          jwksRequestsPerMinute: this.settings.fetchesPerMinute,
          timeout: this.settings.timeoutMs,
        }),
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
