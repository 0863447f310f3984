import Redis from 'ioredis';
import {
  MAX_DENYLIST_ANSWERS,
  RedisAccessTokenDenylist,
} from '../../../src/auth/revocation/redis-access-token-denylist';
import { CONNECTION_CHECK_MS, SILENT_AFTER_MS } from '../../../src/common/redis/silent-connection';
import { DisposableRedis } from '../../support/disposable-redis';
import { freePort } from '../../support/listen';
import {
  callApi,
  passwordToken,
  postForm,
  REPLICA_ADMIN,
  Replicas,
  startReplicas,
} from '../../support/replicas';
import { until } from '../../support/server-process';
import { TcpProxy } from '../../support/tcp-proxy';

const PASSWORD = 'correct-horse-battery';
const PREFIX = 'announced:';
const CHANNEL = 'access-token-revoked';

/** How many EXISTS commands this Redis has run: each is a denylist lookup that was not kept. */
const existsCalls = async (redis: Redis) =>
  Number(/cmdstat_exists:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);

/**
 * Each instance keeps its denylist answers for the tokens in use and hears every revocation through
 * Redis pub/sub: a revoked token must still fail on every instance at its very next request, however
 * many revocations and requests race, and while that channel is down no kept answer is used.
 */
describe('access-token revocations announced to every instance', () => {
  let redis: DisposableRedis;
  let client: Redis;
  let replicas: Replicas;
  let adminToken: string;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    client = new Redis(redis.url);
    replicas = await startReplicas({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: PREFIX });
    adminToken = (
      await passwordToken(replicas.a.url, REPLICA_ADMIN.username, REPLICA_ADMIN.password)
    ).access_token;
  });
  afterAll(async () => {
    await replicas?.close();
    client?.disconnect();
    await redis?.stop();
  });

  const subscribers = async (prefix = PREFIX) =>
    Number((await client.pubsub('NUMSUB', `${prefix}${CHANNEL}`))[1]);
  const tokensOfNewUser = async (count: number) => {
    const username = `u${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const created = await callApi(replicas.a.url, 'POST', '/users', adminToken, {
      username,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      tokens.push((await passwordToken(replicas.a.url, username, PASSWORD)).access_token);
    }
    return tokens;
  };
  const statuses = (calls: Promise<Response>[]) =>
    Promise.all(calls).then((responses) => responses.map((response) => response.status));
  const everywhere = (tokens: string[]) =>
    tokens.flatMap((token) =>
      [replicas.a, replicas.b, replicas.a, replicas.b].map((server) =>
        callApi(server.url, 'GET', '/items', token),
      ),
    );
  const revoke = (url: string, token: string) => postForm(url, '/auth/revoke', { token });

  it('refuses every token of a burst of revocations on both instances at their next request', async () => {
    const tokens = await tokensOfNewUser(20);
    expect(new Set(await statuses(everywhere(tokens)))).toEqual(new Set([200]));

    // Revocations through both instances while both serve the same tokens.
    const [revoked] = await Promise.all([
      statuses(tokens.map((token, i) => revoke(i % 2 ? replicas.a.url : replicas.b.url, token))),
      statuses(everywhere(tokens)),
    ]);
    expect(new Set(revoked)).toEqual(new Set([200]));

    expect(new Set(await statuses(everywhere(tokens)))).toEqual(new Set([401]));
  });

  it('serves a token in use without asking Redis, and asks again once a revocation is heard', async () => {
    const [token, other] = await tokensOfNewUser(2);
    for (const server of [replicas.a, replicas.b]) {
      expect((await callApi(server.url, 'GET', '/items', token)).status).toBe(200);
    }
    const before = await existsCalls(client);
    expect(new Set(await statuses(everywhere([token, token, token])))).toEqual(new Set([200]));
    expect(await existsCalls(client)).toBe(before);

    expect((await revoke(replicas.a.url, other)).status).toBe(200);
    expect((await callApi(replicas.b.url, 'GET', '/items', token)).status).toBe(200);
    expect((await revoke(replicas.a.url, token)).status).toBe(200);
    expect((await callApi(replicas.b.url, 'GET', '/items', token)).status).toBe(401);
  });

  it('uses no kept answer while it cannot hear revocations, nor after it hears again', async () => {
    const [token, later] = await tokensOfNewUser(2);
    for (const server of [replicas.a, replicas.b]) {
      for (const each of [token, later]) {
        expect((await callApi(server.url, 'GET', '/items', each)).status).toBe(200);
      }
    }
    await until(async () => (await subscribers()) === 2, 'both instances to listen');

    // Both instances lose their subscription; the revocation is announced to no one.
    await client.client('KILL', 'TYPE', 'pubsub');
    expect((await revoke(replicas.a.url, token)).status).toBe(200);
    expect((await callApi(replicas.b.url, 'GET', '/items', token)).status).toBe(401);

    await until(async () => (await subscribers()) === 2, 'both instances to listen again');
    // A revocation they missed (stored, never announced): what they kept before the drop is gone.
    await client.set(`${PREFIX}denylist:${jtiOf(later)}`, '1', 'EX', 600);
    for (const server of [replicas.a, replicas.b]) {
      expect((await callApi(server.url, 'GET', '/items', later)).status).toBe(401);
    }
  });

  it('keeps a bounded number of answers, asking Redis again for one it let go', async () => {
    const redisClient = new Redis(redis.url, { keyPrefix: 'bound:' });
    const denylist = new RedisAccessTokenDenylist(redisClient);
    denylist.onModuleInit();
    try {
      await until(async () => (await subscribers('bound:')) === 1, 'the denylist to listen');
      const start = await existsCalls(client);
      expect(await denylist.has('first')).toBe(false);
      expect(await denylist.has('first')).toBe(false);
      expect(await existsCalls(client)).toBe(start + 1);
      for (let i = 0; i < MAX_DENYLIST_ANSWERS; i++) await denylist.has(`t${i}`);
      expect(await existsCalls(client)).toBe(start + 1 + MAX_DENYLIST_ANSWERS);
      expect(await denylist.has('first')).toBe(false);
      expect(await existsCalls(client)).toBe(start + 2 + MAX_DENYLIST_ANSWERS);
    } finally {
      denylist.onApplicationShutdown();
      redisClient.disconnect();
    }
  });

  it('stops using its answers soon after its subscription dies without closing, then listens again', async () => {
    const proxy = await TcpProxy.start(redis.port);
    const throughProxy = new Redis(`redis://127.0.0.1:${proxy.port}`, { keyPrefix: 'silent:' });
    const denylist = new RedisAccessTokenDenylist(throughProxy);
    const elsewhere = new Redis(redis.url, { keyPrefix: 'silent:' });
    const otherInstance = new RedisAccessTokenDenylist(elsewhere);
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    denylist.onModuleInit();
    try {
      await until(async () => (await subscribers('silent:')) === 1, 'the denylist to listen');
      expect(await denylist.has('first')).toBe(false);

      // The subscribed flow is lost without a close (a NAT forgetting it); requests still pass.
      expect(proxy.dropSilently((sent) => /subscribe/i.test(sent))).toBe(1);
      await otherInstance.add('first', expiresAt);
      await until(
        () => denylist.has('first'),
        'the revocation to count',
        SILENT_AFTER_MS + 2 * CONNECTION_CHECK_MS,
      );

      // On a new connection it keeps answers again (one EXISTS for two lookups), and hears.
      let probes = 0;
      const kept = async () => {
        const key = `probe${++probes}`;
        const before = await existsCalls(client);
        await denylist.has(key);
        await denylist.has(key);
        return (await existsCalls(client)) === before + 1;
      };
      await until(kept, 'its answers to be kept again');
      expect(await denylist.has('second')).toBe(false);
      await otherInstance.add('second', expiresAt);
      await until(
        () => denylist.has('second'),
        'the announcement to be heard',
        CONNECTION_CHECK_MS,
      );
    } finally {
      denylist.onApplicationShutdown();
      throughProxy.disconnect();
      elsewhere.disconnect();
      await proxy.close();
    }
  });
});

const jtiOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
