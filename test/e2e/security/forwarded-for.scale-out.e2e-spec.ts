import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Proxy, startDocumentedProxy } from '../../support/nginx';
import {
  callApi,
  passwordToken,
  postForm,
  REPLICA_ADMIN,
  Replicas,
  startReplicas,
} from '../../support/replicas';

const LIMIT = 4;
const PASSWORD = 'correct-horse-battery';

/** The scopegate environment compose.yaml documents (the `x-scopegate` block every replica uses). */
const composeEnvironment = (
  parse(readFileSync(join(__dirname, '..', '..', '..', 'compose.yaml'), 'utf8'), {
    merge: true,
  }) as {
    'x-scopegate': { environment: Record<string, string> };
  }
)['x-scopegate'].environment;

/**
 * The documented deployment as an attacker meets it: two replicas with compose.yaml's TRUST_PROXY
 * behind deploy/nginx.conf. Whatever X-Forwarded-For (or Forwarded) a client sends, the limits see
 * the address nginx saw, so forged values buy no extra guesses.
 */
describe('behind the documented proxy (compose.yaml + deploy/nginx.conf)', () => {
  let replicas: Replicas;
  let proxy: Proxy;
  let adminToken: string;

  beforeAll(async () => {
    replicas = await startReplicas({
      TRUST_PROXY: composeEnvironment.TRUST_PROXY,
      THROTTLE_LOGIN_FAILURES: String(LIMIT),
    });
    const hostPort = (url: string) => new URL(url).host;
    proxy = await startDocumentedProxy([hostPort(replicas.a.url), hostPort(replicas.b.url)]);
    adminToken = (await passwordToken(proxy.url, REPLICA_ADMIN.username, REPLICA_ADMIN.password))
      .access_token;
  });
  afterAll(async () => {
    await proxy?.stop();
    await replicas?.close();
  });

  const newUser = async () => {
    const username = `u${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const created = await callApi(proxy.url, 'POST', '/users', adminToken, {
      username,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    return username;
  };
  const forged = (i: number) => ({
    'x-forwarded-for': `198.51.100.${i % 250}, 203.0.113.${i % 250}`,
    forwarded: `for=192.0.2.${i % 250}`,
  });
  const guess = (username: string, password: string, i: number) =>
    postForm(proxy.url, '/auth/token', { grant_type: 'password', username, password }, forged(i));

  it('locks a username out after the limit although every guess names another address', async () => {
    const username = await newUser();
    for (let i = 0; i < LIMIT; i++) {
      expect((await guess(username, `wrong-${i}`, i)).status).toBe(400);
    }
    const locked = await guess(username, PASSWORD, 99);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('believes exactly the one hop it has: the address the proxy added, never what the client wrote', async () => {
    // A proxy that appends to X-Forwarded-For sends "<the client's header>, <the address it saw>".
    // Sent straight to a replica, this test is that one proxy. Trusting every hop would make the
    // client's leftmost value the address; trusting none would make every client this test.
    const username = await newUser();
    const throughOneProxy = (password: string, written: string, seen: string) =>
      postForm(
        replicas.a.url,
        '/auth/token',
        { grant_type: 'password', username, password },
        { 'x-forwarded-for': `${written}, ${seen}` },
      );
    for (let i = 0; i < LIMIT; i++) {
      expect((await throughOneProxy(`wrong-${i}`, `198.51.100.${i}`, '203.0.113.7')).status).toBe(
        400,
      );
    }
    expect((await throughOneProxy(PASSWORD, '198.51.100.99', '203.0.113.7')).status).toBe(429);
    expect((await throughOneProxy(PASSWORD, '203.0.113.7', '203.0.113.8')).status).toBe(200);
  });

  it('checks exactly the limit of 40 concurrent forged-address guesses spread over both replicas', async () => {
    const username = await newUser();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => (await guess(username, `wrong-${i}`, i)).status),
    );
    expect(statuses.filter((status) => status === 400)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - LIMIT);
  });
});
