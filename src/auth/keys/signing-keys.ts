import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  JsonWebKey,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtAlgorithm } from '../../config/environment';

/** A public key as the JWKS publishes it. */
export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: JwtAlgorithm;
  use: 'sig';
}

export interface SigningKey {
  readonly kid: string;
  readonly algorithm: JwtAlgorithm;
  /** The key that signs; for HS256 the shared secret. */
  readonly signingKey: KeyObject;
  /** The key that verifies; for HS256 the same secret. */
  readonly verificationKey: KeyObject;
}

/**
 * The signing key and every key still accepted, as KeyObjects parsed once: a PEM string handed to
 * jsonwebtoken would be parsed again on every call.
 */
export class SigningKeys {
  private readonly byKid: ReadonlyMap<string, KeyObject>;

  /** `previous`: public keys of earlier signing keys, still accepted until their tokens expire. */
  constructor(
    readonly current: SigningKey,
    previous: readonly KeyObject[] = [],
  ) {
    this.byKid = new Map([
      ...previous.map((key) => [thumbprint(key), key] as const),
      [current.kid, current.verificationKey],
    ]);
  }

  /** The key for a token's `kid`; never a guess among several. */
  verificationKey(kid: string): KeyObject | undefined {
    return this.byKid.get(kid);
  }

  /** The JSON Web Key Set: every public key still accepted, so none for HS256. */
  jwks(): { keys: PublicJwk[] } {
    const keys = [...this.byKid]
      .filter(([, key]) => key.type === 'public')
      .map(([kid, key]) => ({
        ...key.export({ format: 'jwk' }),
        kid,
        alg: this.current.algorithm,
        use: 'sig' as const,
      }));
    return { keys };
  }
}

/** RFC 7638 JWK thumbprint: the required members, in lexicographic order, hashed. */
function thumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const required =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : jwk.kty === 'EC'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
        : { k: jwk.k, kty: jwk.kty };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}

function checkKeyFits(key: KeyObject, algorithm: JwtAlgorithm, variable: string): void {
  const details = key.asymmetricKeyDetails;
  const fits =
    algorithm === 'RS256'
      ? key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048
      : key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1';
  if (!fits) {
    const wanted = algorithm === 'RS256' ? 'an RSA key of 2048 bits or more' : 'an EC P-256 key';
    throw new Error(
      `Invalid configuration:\n  - ${variable} must be ${wanted} for JWT_ALG=${algorithm}`,
    );
  }
}

/** Accepts real newlines or `\n` escapes, as environment variables often carry PEMs. */
export function parsePrivateKey(pem: string, algorithm: JwtAlgorithm, variable: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error(`Invalid configuration:\n  - ${variable} is not a PEM private key`);
  }
  checkKeyFits(key, algorithm, variable);
  return key;
}

/**
 * Reads the key persisted in the data directory, or creates it (0600). The new file is written aside
 * and linked into place, which fails if it exists: two instances starting at once agree on one key,
 * and neither can read a half-written file.
 */
function persistedSecret(dataDir: string, file: string, create: () => string): string {
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, create(), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(path, 'utf8');
}

function generatedPrivateKeyPem(algorithm: 'RS256' | 'ES256'): string {
  const { privateKey } =
    algorithm === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export interface SigningKeyConfig {
  algorithm: JwtAlgorithm;
  privateKey?: string;
  secret?: string;
  previousPublicKeys?: string;
}

export function loadSigningKey(jwt: SigningKeyConfig, dataDir: string): SigningKey {
  const { algorithm } = jwt;
  if (algorithm === 'HS256') {
    const secret =
      jwt.secret ??
      persistedSecret(dataDir, 'jwt-hs256.secret', () => randomBytes(32).toString('base64url'));
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    return { kid: thumbprint(key), algorithm, signingKey: key, verificationKey: key };
  }
  const signingKey = jwt.privateKey
    ? parsePrivateKey(jwt.privateKey, algorithm, 'JWT_PRIVATE_KEY')
    : parsePrivateKey(
        persistedSecret(dataDir, `jwt-${algorithm.toLowerCase()}-private.pem`, () =>
          generatedPrivateKeyPem(algorithm),
        ),
        algorithm,
        `the generated key in ${dataDir}`,
      );
  const verificationKey = createPublicKey(signingKey);
  return { kid: thumbprint(verificationKey), algorithm, signingKey, verificationKey };
}

/** JWT_PREVIOUS_PUBLIC_KEYS: PEM public keys of earlier signing keys, for the same algorithm. */
export function loadPreviousKeys(jwt: SigningKeyConfig): KeyObject[] {
  const pems = jwt.previousPublicKeys?.match(
    /-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----/g,
  );
  return (pems ?? []).map((pem) => {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new Error(
        'Invalid configuration:\n  - JWT_PREVIOUS_PUBLIC_KEYS holds a key that cannot be read',
      );
    }
    if (jwt.algorithm === 'HS256') {
      throw new Error(
        'Invalid configuration:\n  - JWT_PREVIOUS_PUBLIC_KEYS needs an asymmetric JWT_ALG',
      );
    }
    checkKeyFits(key, jwt.algorithm, 'JWT_PREVIOUS_PUBLIC_KEYS');
    return key;
  });
}
