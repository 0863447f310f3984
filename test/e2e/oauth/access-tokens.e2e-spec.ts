import { generateKeyPairSync, KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, sign, SignOptions } from 'jsonwebtoken';
import { UsersService } from '../../../src/users/users.service';
import { bearer, startApp, TestApp } from '../../support/app';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens on protected routes (contract sections 4 and 5)', () => {
  let t: TestApp;
  let user: { id: string; username: string };
  let privateKey: KeyObject;
  let kid: string;

  beforeAll(async () => {
    t = await startApp();
    user = await t.createUser('user');
    privateKey = createPrivateKey(readFileSync(join(t.dataDir, 'jwt-rs256-private.pem')));
    kid = (await t.http().get('/.well-known/jwks.json')).body.keys[0].kid;
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = () => ({
    iss: 'http://localhost:3000',
    aud: 'scopegate-api',
    sub: user.id,
    client_id: 'scopegate-web',
    scope: 'read',
    jti: 'test-jti',
    ver: 0,
    iat: now(),
    exp: now() + 300,
  });
  const forge = (
    claims: Record<string, unknown> = validClaims(),
    header: Record<string, unknown> = { typ: 'at+jwt', kid },
    key: KeyObject | string = privateKey,
    options: SignOptions = { algorithm: 'RS256' },
  ) => sign(claims, key, { ...options, header: { alg: options.algorithm!, ...header } });

  const expectInvalidToken = async (token: string) => {
    const response = await t.http().get('/items').set(bearer(token));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="scopegate", error="invalid_token", error_description="[^"]+"$/,
    );
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  };

  it('accepts a correctly forged token (the baseline the other cases change one thing of)', async () => {
    expect((await t.http().get('/items').set(bearer(forge()))).status).toBe(200);
  });

  it('answers 401 with a bare Bearer challenge when there is no token', async () => {
    const response = await t.http().get('/items');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="scopegate"');
  });

  it('treats another scheme as no bearer token', async () => {
    const response = await t.http().get('/items').set('Authorization', 'Basic Og==');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="scopegate"');
  });

  it('refuses a malformed token', async () => {
    await expectInvalidToken('not.a.jwt');
    await expectInvalidToken('garbage');
  });

  it('refuses alg: none', async () => {
    const token = `${b64url({ alg: 'none', typ: 'at+jwt', kid })}.${b64url(validClaims())}.`;
    await expectInvalidToken(token);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    const token = `${b64url({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64url(validClaims())}`;
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', publicPem).update(token).digest('base64url');
    await expectInvalidToken(`${token}.${signature}`);
  });

  it('refuses a token signed by another key under the same kid', async () => {
    const { privateKey: other } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectInvalidToken(forge(validClaims(), { typ: 'at+jwt', kid }, other));
  });

  it('refuses a token whose payload was tampered with', async () => {
    const [header, , signature] = forge().split('.');
    const widened = b64url({ ...validClaims(), scope: 'admin' });
    await expectInvalidToken(`${header}.${widened}.${signature}`);
  });

  it('refuses an expired token, and says it expired', async () => {
    const response = await t
      .http()
      .get('/items')
      .set(bearer(forge({ ...validClaims(), iat: now() - 100, exp: now() - 10 })));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain(
      'error_description="The access token expired"',
    );
  });

  it('refuses a token without exp', async () => {
    const claims: Record<string, unknown> = validClaims();
    delete claims.exp;
    await expectInvalidToken(forge(claims));
  });

  it('refuses a wrong iss', async () => {
    await expectInvalidToken(forge({ ...validClaims(), iss: 'http://evil.example' }));
  });

  it('refuses a wrong aud', async () => {
    await expectInvalidToken(forge({ ...validClaims(), aud: 'another-api' }));
  });

  it('refuses a typ other than at+jwt, and a missing typ', async () => {
    await expectInvalidToken(forge(validClaims(), { typ: 'JWT', kid }));
    await expectInvalidToken(forge(validClaims(), { kid }));
  });

  it('refuses a token without sub', async () => {
    const claims: Record<string, unknown> = validClaims();
    delete claims.sub;
    await expectInvalidToken(forge(claims));
  });

  it('refuses an unknown crit header (RFC 7515 section 4.1.11)', async () => {
    await expectInvalidToken(forge(validClaims(), { typ: 'at+jwt', kid, crit: ['exp'], exp: 1 }));
  });

  it('refuses an unknown kid', async () => {
    await expectInvalidToken(forge(validClaims(), { typ: 'at+jwt', kid: 'someone-else' }));
  });

  it('refuses a scope that does not exist', async () => {
    await expectInvalidToken(forge({ ...validClaims(), scope: 'read superpowers' }));
  });

  it('publishes the signing key in the JWKS under the kid the tokens carry', async () => {
    const response = await t.http().get('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    const [jwk] = response.body.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid, e: 'AQAB' });
    expect(jwk.d).toBeUndefined();
    const issued = decode(await t.token(user.username), { complete: true })!;
    expect(issued.header.kid).toBe(kid);
  });

  describe('stops working at once', () => {
    it('when the user is disabled, and again when re-enabled with the old token', async () => {
      const victim = await t.createUser('user');
      const token = await t.token(victim.username);
      expect((await t.http().get('/users/me').set(bearer(token))).status).toBe(200);
      await t.app.get(UsersService).update(victim.id, { disabled: true });
      await expectInvalidToken(token);
      await t.app.get(UsersService).update(victim.id, { disabled: false });
      await expectInvalidToken(token);
    });

    it('when the user is deleted', async () => {
      const victim = await t.createUser('user');
      const token = await t.token(victim.username);
      await t.app.get(UsersService).remove(victim.id, () => undefined);
      await expectInvalidToken(token);
    });

    it('when the user’s role changes', async () => {
      const victim = await t.createUser('editor');
      const token = await t.token(victim.username);
      expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
      await t.app.get(UsersService).update(victim.id, { role: 'user' });
      await expectInvalidToken(token);
      const fresh = await t.token(victim.username);
      expect((await t.http().get('/items').set(bearer(fresh))).status).toBe(200);
    });

    it('but not when only the name or email changes', async () => {
      const victim = await t.createUser('user');
      const token = await t.token(victim.username);
      await t.app.get(UsersService).update(victim.id, { fullName: 'New Name' });
      expect((await t.http().get('/users/me').set(bearer(token))).status).toBe(200);
    });
  });
});
