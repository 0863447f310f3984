import { discoverIssuer, IssuerMetadata } from './issuer-metadata';

/**
 * An issuer's metadata, fetched once when first needed (so the app starts while its issuer is
 * down); after a failure, asked again only once `retrySeconds` have passed.
 */
export class IssuerDiscovery {
  private metadata?: Promise<IssuerMetadata>;
  private failedAt = -Infinity;

  constructor(
    private readonly issuer: string,
    private readonly timeoutMs: number,
    private readonly retrySeconds: number,
  ) {}

  get(): Promise<IssuerMetadata> {
    if (!this.metadata && Date.now() < this.failedAt + this.retrySeconds * 1000) {
      return Promise.reject(new Error(`Discovery of ${this.issuer} failed recently`));
    }
    this.metadata ??= discoverIssuer(this.issuer, this.timeoutMs).catch((error: Error) => {
      this.metadata = undefined;
      this.failedAt = Date.now();
      throw error;
    });
    return this.metadata;
  }
}
