import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { JwtAlgorithm } from './environment';

const invalid = (problem: string) => new Error(`Invalid configuration:\n  - ${problem}`);

function checkKeyFits(key: KeyObject, algorithm: JwtAlgorithm, variable: string): void {
  const details = key.asymmetricKeyDetails;
  const fits =
    algorithm === 'RS256'
      ? key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048
      : key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1';
  if (!fits) {
    const wanted = algorithm === 'RS256' ? 'an RSA key of 2048 bits or more' : 'an EC P-256 key';
    throw invalid(`${variable} must be ${wanted} for JWT_ALG=${algorithm}`);
  }
}

/** A PEM private key (PKCS#8, PKCS#1 or SEC1), with real newlines or `\n` escapes. */
export function parsePrivateKey(pem: string, algorithm: JwtAlgorithm, variable: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw invalid(`${variable} is not a PEM private key`);
  }
  checkKeyFits(key, algorithm, variable);
  return key;
}

/** JWT_PREVIOUS_PUBLIC_KEYS: PEM public keys of earlier signing keys, for the same algorithm. */
export function parsePreviousPublicKeys(
  pems: string | undefined,
  algorithm: JwtAlgorithm,
): KeyObject[] {
  const blocks = pems
    ?.replace(/\\n/g, '\n')
    .match(/-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----/g);
  if (!blocks) return [];
  if (algorithm === 'HS256') throw invalid('JWT_PREVIOUS_PUBLIC_KEYS needs an asymmetric JWT_ALG');
  return blocks.map((pem) => {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw invalid('JWT_PREVIOUS_PUBLIC_KEYS holds a key that cannot be read');
    }
    checkKeyFits(key, algorithm, 'JWT_PREVIOUS_PUBLIC_KEYS');
    return key;
  });
}

export const secretKey = (secret: string): KeyObject =>
  createSecretKey(Buffer.from(secret, 'utf8'));

/** A new signing secret for the algorithm: a PKCS#8 PEM private key, or 32 random bytes (HS256). */
export function newSigningSecret(algorithm: JwtAlgorithm): string {
  if (algorithm === 'HS256') return randomBytes(32).toString('base64url');
  const { privateKey } =
    algorithm === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
