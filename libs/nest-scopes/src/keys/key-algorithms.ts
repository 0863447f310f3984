import type { KeyObject } from 'node:crypto';
import { SigningAlgorithm } from '../module-options';

const SIGNING_ALGORITHMS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

const CURVE_ALGORITHM: Readonly<Record<string, SigningAlgorithm>> = {
  prime256v1: 'ES256',
  secp384r1: 'ES384',
  secp521r1: 'ES512',
};

/**
 * The one algorithm a published public key may verify: its JWK `alg` when the issuer states it,
 * otherwise the one its type fixes (RSA: RS256, as OpenID Connect defaults; EC: by curve). A key
 * that fits none (a symmetric one, `none`) verifies nothing.
 */
export function pinnedAlgorithms(key: KeyObject, jwkAlg?: string): SigningAlgorithm[] {
  if (key.type !== 'public') return [];
  if (jwkAlg !== undefined) {
    return SIGNING_ALGORITHMS.includes(jwkAlg) ? [jwkAlg as SigningAlgorithm] : [];
  }
  if (key.asymmetricKeyType === 'rsa') return ['RS256'];
  if (key.asymmetricKeyType === 'rsa-pss') return ['PS256'];
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && curve && CURVE_ALGORITHM[curve]) {
    return [CURVE_ALGORITHM[curve]];
  }
  return [];
}
