import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits. High entropy makes a fast hash the right one: nothing to brute-force. */
export const newClientSecret = () => randomBytes(32).toString('base64url');

export const hashClientSecret = (secret: string) =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares in constant time; `storedHash` undefined still costs one comparison. */
export function clientSecretMatches(
  storedHash: string | null | undefined,
  secret: string,
): boolean {
  const presented = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = storedHash ? Buffer.from(storedHash, 'hex') : Buffer.alloc(presented.length);
  const equal = stored.length === presented.length && timingSafeEqual(stored, presented);
  return !!storedHash && equal;
}
