import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'jsonwebtoken';
import { bearer, dataDirs, PASSWORD, rsaPkcs1Pem, startApp } from '../../support/app';

describe('configuration (contract section 1)', () => {
  const dataDir = dataDirs();

  it('generates a key on first start, keeps it 0600, and tokens survive a restart', async () => {
    const dir = dataDir();
    const first = await startApp({}, { dataDir: dir });
    const user = await first.createUser('user');
    const token = await first.token(user.username);
    await first.close();
    expect(statSync(join(dir, 'jwt-rs256-private.pem')).mode & 0o777).toBe(0o600);

    const second = await startApp({}, { dataDir: dir });
    try {
      expect((await second.http().get('/users/me').set(bearer(token))).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('signs with a configured PKCS#1 key given with \\n escapes, and publishes it', async () => {
    const pem = rsaPkcs1Pem().replace(/\n/g, '\\n');
    const t = await startApp({ JWT_PRIVATE_KEY: pem }, { dataDir: dataDir() });
    try {
      const user = await t.createUser('user');
      const token = await t.token(user.username);
      expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
      const jwks = (await t.http().get('/.well-known/jwks.json')).body;
      expect(decode(token, { complete: true })!.header.kid).toBe(jwks.keys[0].kid);
    } finally {
      await t.close();
    }
  });

  it('signs ES256 with a SEC1 key read from JWT_PRIVATE_KEY_FILE', async () => {
    const dir = dataDir();
    const keyFile = join(dir, 'es256.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(keyFile, privateKey.export({ type: 'sec1', format: 'pem' }));
    const t = await startApp({ JWT_ALG: 'ES256', JWT_PRIVATE_KEY_FILE: keyFile }, { dataDir: dir });
    try {
      const token = await t.token((await t.createUser('user')).username);
      expect(decode(token, { complete: true })!.header.alg).toBe('ES256');
      expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
      expect((await t.http().get('/.well-known/jwks.json')).body.keys[0]).toMatchObject({
        kty: 'EC',
        crv: 'P-256',
      });
    } finally {
      await t.close();
    }
  });

  it('signs HS256 with JWT_SECRET and publishes no key', async () => {
    const t = await startApp(
      { JWT_ALG: 'HS256', JWT_SECRET: randomBytes(32).toString('hex') },
      { dataDir: dataDir() },
    );
    try {
      const token = await t.token((await t.createUser('user')).username);
      expect(decode(token, { complete: true })!.header.alg).toBe('HS256');
      expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
      expect((await t.http().get('/.well-known/jwks.json')).body).toEqual({ keys: [] });
    } finally {
      await t.close();
    }
  });

  it('uses JWT_ISSUER and JWT_AUDIENCE in tokens', async () => {
    const t = await startApp(
      { JWT_ISSUER: 'https://auth.example.com/', JWT_AUDIENCE: 'shop', ACCESS_TOKEN_TTL: '60' },
      { dataDir: dataDir() },
    );
    try {
      const response = await t
        .http()
        .post('/auth/token')
        .type('form')
        .send({
          grant_type: 'password',
          username: (await t.createUser('user')).username,
          password: PASSWORD,
        });
      expect(response.body.expires_in).toBe(60);
      expect(decode(response.body.access_token)).toMatchObject({
        iss: 'https://auth.example.com',
        aud: 'shop',
      });
      expect((await t.http().get('/items').set(bearer(response.body.access_token))).status).toBe(
        200,
      );
    } finally {
      await t.close();
    }
  });

  it('bootstraps the admin once, and never changes an existing one', async () => {
    const dir = dataDir();
    const passwordFile = join(dir, 'admin-password');
    writeFileSync(passwordFile, 'first-admin-password\n');
    const first = await startApp(
      { ADMIN_USERNAME: 'root', ADMIN_PASSWORD_FILE: passwordFile },
      { dataDir: dir },
    );
    const token = await first.token('root', 'admin', 'first-admin-password');
    expect((await first.http().get('/users/me').set(bearer(token))).body.role).toBe('admin');
    await first.close();

    const second = await startApp(
      { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'another-password-here' },
      { dataDir: dir },
    );
    try {
      await expect(second.token('root', undefined, 'another-password-here')).rejects.toThrow(
        'invalid_grant',
      );
      await expect(second.token('root', undefined, 'first-admin-password')).resolves.toEqual(
        expect.any(String),
      );
    } finally {
      await second.close();
    }
  });
});
