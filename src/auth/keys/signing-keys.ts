import { createHash, createPublicKey, JsonWebKey, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { JwtAlgorithm } from '../../config/environment';
import { newSigningSecret, parsePrivateKey, secretKey } from '../../config/jwt-keys';

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
      // Said once, when it happens: the key must be kept with the data (and backed up with it).
      new Logger('SigningKeys').log(`Generated a new signing key in ${path}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(path, 'utf8');
}

function generatedKey(algorithm: JwtAlgorithm, dataDir: string): KeyObject {
  if (algorithm === 'HS256') {
    return secretKey(persistedSecret(dataDir, 'jwt-hs256.secret', () => newSigningSecret('HS256')));
  }
  const file = `jwt-${algorithm.toLowerCase()}-private.pem`;
  const pem = persistedSecret(dataDir, file, () => newSigningSecret(algorithm));
  return parsePrivateKey(pem, algorithm, `the generated key in ${dataDir}`);
}

export interface SigningKeyConfig {
  readonly algorithm: JwtAlgorithm;
  /** Parsed from JWT_PRIVATE_KEY or JWT_SECRET; absent: generated once and kept in `dataDir`. */
  readonly signingKey?: KeyObject;
  readonly previousKeys: readonly KeyObject[];
}

export function loadSigningKeys(jwt: SigningKeyConfig, dataDir: string): SigningKeys {
  const { algorithm } = jwt;
  const signingKey = jwt.signingKey ?? generatedKey(algorithm, dataDir);
  const verificationKey = signingKey.type === 'secret' ? signingKey : createPublicKey(signingKey);
  const current = { kid: thumbprint(verificationKey), algorithm, signingKey, verificationKey };
  return new SigningKeys(current, jwt.previousKeys);
}
