import { INestApplication } from '@nestjs/common';
import { RemoteKeyOptions } from '@scopegate/nest-scopes';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { ProviderProcess, signingJwk, startProvider } from './provider-process';
import { startResourceApp } from './resource-app';
import { until } from '../../support/server-process';

const INVENTORY = 'https://inventory.example';
const FETCHES_PER_MINUTE = 10;

/** What anyone can send without a key: a header naming a made-up kid, and junk after it. */
const madeUpKid = () => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'at+jwt', kid: randomUUID() })}.${part({})}.AAAA`;
};

/**
 * Made-up kids cost the attacker nothing. Each may make the library fetch the issuer's key set,
 * and those fetches are limited; what must not happen is that they spend the fetches real tokens
 * need: on a cold start, after a rotation, or when the set has aged.
 */
describe('remote issuers: a flood of made-up kids does not lock real tokens out', () => {
  let provider: ProviderProcess;
  let app: INestApplication | undefined;
  const call = (token: string) =>
    request(app!.getHttpServer()).get('/stock').set('Authorization', `Bearer ${token}`);
  const trust = (remoteKeys: RemoteKeyOptions) =>
    startResourceApp([{ issuer: provider.issuer, audience: INVENTORY, typ: 'at+jwt' }], remoteKeys);
  /** More made-up kids than a minute's fetches, in a concurrent burst and then one by one. */
  const flood = async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => call(madeUpKid())));
    expect(burst.map((answer) => answer.status)).toEqual(burst.map(() => 401));
    for (let i = 0; i < FETCHES_PER_MINUTE + 2; i++)
      expect((await call(madeUpKid())).status).toBe(401);
  };

  beforeAll(async () => {
    provider = await startProvider([signingJwk()]);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => provider?.stop());

  it('on a cold start: the flood comes first, the first real token still passes', async () => {
    app = await trust({ fetchesPerMinute: FETCHES_PER_MINUTE });
    await flood();
    expect((await call(await provider.token('scope-style', INVENTORY))).status).toBe(200);
  });

  it('once the key set has aged: its keys keep passing while the fetches are spent', async () => {
    app = await trust({ fetchesPerMinute: FETCHES_PER_MINUTE, cacheMaxAgeSeconds: 1 });
    const real = await provider.token('scope-style', INVENTORY);
    expect((await call(real)).status).toBe(200);
    await flood();
    // Nothing to wait for but the clock: the set must be older than its one second.
    await sleep(1_100);
    expect((await call(real)).status).toBe(200);
    expect((await call(await provider.token('scope-style', INVENTORY))).status).toBe(200);
  });

  it('after a rotation under a steady flood: the new key is learnt within a fetch interval', async () => {
    // One fetch a second: the flood below spends the minute's fetches before the rotation.
    app = await trust({ fetchesPerMinute: 60 });
    expect((await call(await provider.token('scope-style', INVENTORY))).status).toBe(200);
    for (let i = 0; i < 62; i++) expect((await call(madeUpKid())).status).toBe(401);
    const { port } = provider;
    await provider.stop();
    provider = await startProvider([signingJwk()], port);
    const rotated = await provider.token('scope-style', INVENTORY);
    let flooding = true;
    const flooder = (async () => {
      while (flooding) await call(madeUpKid());
    })();
    try {
      // Every fetch reads the whole set: the flood's own fetches learn the new key too.
      await until(async () => (await call(rotated)).status === 200, 'the rotated key', 5_000);
    } finally {
      flooding = false;
      await flooder;
    }
  });
});
