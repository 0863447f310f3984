import { Injectable, OnModuleDestroy } from '@nestjs/common';

/**
 * Revoked access tokens, by `jti`, each kept until its own `exp` (after which the token fails on
 * expiry anyway). One interface, so the store can be shared between instances.
 */
export abstract class AccessTokenDenylist {
  abstract add(tokenId: string, expiresAt: number): Promise<void>;
  abstract has(tokenId: string): Promise<boolean>;
}

const SWEEP_INTERVAL_MS = 60_000;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The denylist of a single instance, in its memory. */
@Injectable()
export class InMemoryAccessTokenDenylist extends AccessTokenDenylist implements OnModuleDestroy {
  private readonly revoked = new Map<string, number>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  async add(tokenId: string, expiresAt: number): Promise<void> {
    if (expiresAt > nowSeconds()) this.revoked.set(tokenId, expiresAt);
  }

  async has(tokenId: string): Promise<boolean> {
    return this.revoked.has(tokenId);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = nowSeconds();
    for (const [tokenId, expiresAt] of this.revoked) {
      if (expiresAt <= now) this.revoked.delete(tokenId);
    }
  }
}
