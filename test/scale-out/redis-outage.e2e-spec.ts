import { bearer, PASSWORD, startApp, TestApp } from '../support/app';
import { DisposableRedis } from '../support/disposable-redis';
import { freePort } from '../support/listen';
import { until } from '../support/server-process';
import { TcpProxy } from '../support/tcp-proxy';

describe('Redis going away and coming back', () => {
  let redis: DisposableRedis;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    t = await startApp({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'outage:' });
    token = await t.token((await t.createUser('user')).username);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('fails closed with 503 while Redis is down, and recovers by itself when it is back', async () => {
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);

    await redis.stop();
    await until(
      async () => (await t.http().get('/health/ready')).status === 503,
      'readiness to fail',
    );
    const ready = await t.http().get('/health/ready');
    expect(ready.body.details.redis.status).toBe('down');
    expect((await t.http().get('/health/live')).status).toBe(200);

    const refused = await t.http().get('/items').set(bearer(token));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).not.toMatch(/ECONNREFUSED|Stream|redis/i);
    const login = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: 'x', password: 'y' });
    expect(login.status).toBe(503);
    expect(login.headers['retry-after']).toMatch(/^\d+$/);
    expect(login.body.error).toBe('temporarily_unavailable');

    await redis.start();
    await until(
      async () => (await t.http().get('/health/ready')).status === 200,
      'readiness to recover',
    );
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
    expect((await t.http().post('/auth/revoke').type('form').send({ token })).status).toBe(200);
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(401);
  });
});

describe('a Redis connection that dies without closing', () => {
  let redis: DisposableRedis;
  let proxy: TcpProxy;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    proxy = await TcpProxy.start(redis.port);
    t = await startApp({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      REDIS_KEY_PREFIX: 'silent:',
    });
    token = await t.token((await t.createUser('user')).username);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await redis?.stop();
  });

  it('answers 503 within seconds rather than waiting, and replaces the connection by itself', async () => {
    const { username } = await t.createUser('user');
    const signIn = () =>
      t
        .http()
        .post('/auth/token')
        .type('form')
        .send({ grant_type: 'password', username, password: PASSWORD })
        .timeout(10_000);
    expect((await signIn()).status).toBe(200);

    // Every flow to Redis is lost without a close, as when a NAT or firewall forgets them. A
    // sign-in counts its attempt in Redis: its command fails after 2 s, where it would have waited
    // for TCP keep-alive, for hours.
    expect(proxy.dropSilently(() => true)).toBeGreaterThan(0);
    const started = Date.now();
    const refused = await signIn();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(Date.now() - started).toBeLessThan(5_000);

    await until(async () => (await signIn()).status === 200, 'new connections to Redis');
    expect((await t.http().post('/auth/revoke').type('form').send({ token })).status).toBe(200);
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(401);
  });
});
