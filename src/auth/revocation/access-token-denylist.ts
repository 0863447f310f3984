/**
 * Revoked access tokens, by `jti`, each kept until its own `exp` (after which the token fails on
 * expiry anyway). One interface, so the store can be shared between instances.
 */
export abstract class AccessTokenDenylist {
  abstract add(tokenId: string, expiresAt: number): Promise<void>;
  abstract has(tokenId: string): Promise<boolean>;
}
