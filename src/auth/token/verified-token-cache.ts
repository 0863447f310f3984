import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { recordCacheLookup } from '../../common/metrics/metrics';
import { nowSeconds } from '../../common/time';

export const MAX_VERIFIED_TOKENS = 10_000;

/** The claims of a token whose signature, `iss`, `aud` and `exp` checked out. */
export type VerifiedClaims = Record<string, unknown> & { exp: number };

/**
 * Claims of access tokens whose signature already checked out, so that a client presenting the
 * same token again does not pay for the signature check again. Entries are found by the token's
 * SHA-256 (the token itself is not kept), a different token is a different entry, and an entry
 * is never used at or past the token's `exp`. Everything else (revocation, the user's state) is
 * still checked on every request. Bounded: the oldest entry goes first.
 */
export class VerifiedTokenCache {
  private readonly entries = new LRUCache<string, VerifiedClaims>({ max: MAX_VERIFIED_TOKENS });

  get(token: string): VerifiedClaims | undefined {
    const key = hash('sha256', token, 'base64');
    const claims = this.entries.get(key);
    const fresh = claims && claims.exp > nowSeconds() ? claims : undefined;
    if (claims && !fresh) this.entries.delete(key);
    recordCacheLookup('verified_token', fresh !== undefined);
    return fresh;
  }

  set(token: string, claims: VerifiedClaims): void {
    this.entries.set(hash('sha256', token, 'base64'), claims);
  }
}
