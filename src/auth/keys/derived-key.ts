import { hkdfSync, KeyObject } from 'node:crypto';

/**
 * A 256-bit HMAC key derived from the token signing key, one per `purpose`: every instance that
 * shares the signing key derives the same one, and no purpose's key says anything about another's.
 */
export function derivedKey(signingKey: KeyObject, purpose: string): Buffer {
  const material =
    signingKey.type === 'secret'
      ? signingKey.export()
      : signingKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(hkdfSync('sha256', material, '', purpose, 32));
}
