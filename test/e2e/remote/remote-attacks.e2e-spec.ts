import { INestApplication } from '@nestjs/common';
import { createPublicKey } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ProviderProcess, signingJwk, startProvider } from './provider-process';
import { startResourceApp } from './resource-app';

const INVENTORY = 'https://inventory.example';

/**
 * The weakest tokens an attacker can make against a remote issuer's keys: each is refused with
 * 401, and a burst of made-up `kid`s (a JWKS fetch at most, two a minute here) leaves real tokens
 * working.
 */
describe('remote issuers: forged tokens', () => {
  const jwk = signingJwk();
  let provider: ProviderProcess;
  let app: INestApplication;

  const call = (token: string) =>
    request(app.getHttpServer()).get('/stock').set('Authorization', `Bearer ${token}`);
  const claims = () => ({
    iss: provider.issuer,
    aud: INVENTORY,
    sub: 'attacker',
    scope: 'inventory:read inventory:write',
  });

  beforeAll(async () => {
    provider = await startProvider([jwk]);
    app = await startResourceApp(
      [{ issuer: provider.issuer, audience: INVENTORY, typ: 'at+jwt' }],
      { fetchesPerMinute: 2 },
    );
    // The issuer's keys are cached by a first real token.
    expect((await call(await provider.token('scope-style', INVENTORY))).status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  it('refuses HS256 signed with the issuer’s public key as the secret (algorithm confusion)', async () => {
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const forged = sign(claims(), pem, {
      algorithm: 'HS256',
      keyid: jwk.kid as string,
      header: { alg: 'HS256', typ: 'at+jwt' },
      expiresIn: 300,
    });
    expect((await call(forged)).status).toBe(401);
  });

  it('refuses alg none, a missing kid and an unknown crit header', async () => {
    const valid = await provider.token('scope-style', INVENTORY);
    const [header, payload, signature] = valid.split('.');
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString()) as object;
    const reHeader = (changes: object) =>
      Buffer.from(JSON.stringify({ ...decoded, ...changes })).toString('base64url');
    const none = `${reHeader({ alg: 'none' })}.${payload}.`;
    const noKid = `${reHeader({ kid: undefined })}.${payload}.${signature}`;
    const crit = `${reHeader({ crit: ['exp'], exp: 1 })}.${payload}.${signature}`;
    for (const token of [none, noKid, crit]) expect((await call(token)).status).toBe(401);
  });

  it('refuses a burst of made-up kids without failing real tokens', async () => {
    const forged = Array.from({ length: 20 }, (_, i) =>
      sign(claims(), 'not-the-key-not-the-key-not-the-key', {
        algorithm: 'HS256',
        keyid: `made-up-${i}`,
        expiresIn: 300,
      }),
    );
    const answers = await Promise.all(forged.map((token) => call(token)));
    expect(answers.map((answer) => answer.status)).toEqual(forged.map(() => 401));
    expect((await call(await provider.token('scope-style', INVENTORY))).status).toBe(200);
  });
});
