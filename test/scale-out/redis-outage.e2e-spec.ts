import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { bearer, startApp, TestApp } from '../support/app';
import { freePort } from '../support/listen';
import { until } from '../support/server-process';

/** A Redis server of this test's own, on a spare port, that it can stop and start again. */
class DisposableRedis {
  private process?: ChildProcess;

  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await until(() => this.listening(), 'redis-server to listen');
  }

  private listening(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection(this.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill('SIGKILL');
    await once(this.process, 'exit');
  }
}

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
