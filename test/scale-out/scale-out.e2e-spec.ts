import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { newDataDir } from '../support/app';
import { freePort } from '../support/listen';
import { dropServices, servicesEnvironment, SERVICES } from '../support/services';
import { ServerProcess, startServer } from '../support/server-process';

const ADMIN = { username: 'root', password: 'root-password-123' };
const PASSWORD = 'correct-horse-battery';

/**
 * Two real scopegate processes from dist/, on two ports, sharing one PostgreSQL database and one
 * Redis: a load balancer could send any request to either, and they must behave as one.
 */
describe('scale-out: two instances on one PostgreSQL and one Redis', () => {
  const dataDir = newDataDir();
  let a: ServerProcess;
  let b: ServerProcess;
  let adminToken: string;

  const form = (server: ServerProcess, path: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const call = (
    server: ServerProcess,
    method: string,
    path: string,
    token: string,
    body?: object,
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const login = async (server: ServerProcess, username: string, password = PASSWORD) => {
    const response = await form(server, '/auth/token', {
      grant_type: 'password',
      username,
      password,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { access_token: string; refresh_token: string };
  };
  const newUser = async (role = 'user') => {
    const username = `u${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const response = await call(a, 'POST', '/users', adminToken, {
      username,
      password: PASSWORD,
      role,
    });
    expect(response.status).toBe(201);
    return { id: ((await response.json()) as { id: string }).id, username };
  };
  const newItem = async (stock: number) => {
    const response = await call(a, 'POST', '/items', adminToken, {
      name: 'scale',
      priceCents: 100,
      stock,
    });
    return ((await response.json()) as { id: string }).id;
  };
  const stockOf = async (itemId: string) =>
    ((await (await call(b, 'GET', `/items/${itemId}`, adminToken)).json()) as { stock: number })
      .stock;

  beforeAll(async () => {
    if (!SERVICES.postgresUrl || !SERVICES.redisUrl) {
      throw new Error('Set TEST_DATABASE_URL and TEST_REDIS_URL (npm run test:scale-out does)');
    }
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const common = {
      ...(await servicesEnvironment(dataDir)),
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_ISSUER: 'http://scopegate.test',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      THROTTLE_LOGIN_FAILURES: '4',
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    };
    // A applies the migrations; B starts on the schema A made, as a second replica would.
    a = await startServer('A', await freePort(), {
      ...common,
      DATA_DIR: `${dataDir}/a`,
      DB_MIGRATE: 'true',
    });
    b = await startServer('B', await freePort(), {
      ...common,
      DATA_DIR: `${dataDir}/b`,
      DB_MIGRATE: 'false',
    });
    adminToken = (await login(a, ADMIN.username, ADMIN.password)).access_token;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropServices(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts on B a token issued by A', async () => {
    const user = await newUser();
    const { access_token: token } = await login(a, user.username);
    const me = await call(b, 'GET', '/users/me', token);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(user.id);
  });

  it('applies a revocation made through A on B at the very next request', async () => {
    const user = await newUser();
    const tokens = await login(a, user.username);
    expect((await call(b, 'GET', '/items', tokens.access_token)).status).toBe(200);
    expect((await form(a, '/auth/revoke', { token: tokens.access_token })).status).toBe(200);
    expect((await call(b, 'GET', '/items', tokens.access_token)).status).toBe(401);

    const refreshed = await form(b, '/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
  });

  it('applies a disable and a role change made through A on B at the very next request', async () => {
    const disabled = await newUser();
    const disabledToken = (await login(a, disabled.username)).access_token;
    const rerolled = await newUser('editor');
    const rerolledToken = (await login(b, rerolled.username)).access_token;
    expect((await call(b, 'GET', '/items', disabledToken)).status).toBe(200);
    expect((await call(b, 'GET', '/items', rerolledToken)).status).toBe(200);

    expect(
      (await call(a, 'PATCH', `/users/${disabled.id}`, adminToken, { disabled: true })).status,
    ).toBe(200);
    expect(
      (await call(a, 'PATCH', `/users/${rerolled.id}`, adminToken, { role: 'user' })).status,
    ).toBe(200);

    expect((await call(b, 'GET', '/items', disabledToken)).status).toBe(401);
    expect((await call(b, 'GET', '/items', rerolledToken)).status).toBe(401);
  });

  it('throttles failed logins spread over A and B as one', async () => {
    const user = await newUser();
    const statuses: number[] = [];
    for (const server of [a, b, a, b, a, b]) {
      const response = await form(server, '/auth/token', {
        grant_type: 'password',
        username: user.username,
        password: 'wrong-password-here',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });

  it('sells exactly the stock to 400 concurrent orders spread over both, never below zero', async () => {
    const itemId = await newItem(150);
    const buyers = await Promise.all([newUser(), newUser()]);
    const tokens = await Promise.all(
      buyers.map(async (buyer) => (await login(a, buyer.username)).access_token),
    );
    const responses = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        call(i % 2 ? a : b, 'POST', '/orders', tokens[i % 2], { lines: [{ itemId, quantity: 1 }] }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(150);
    expect(statuses.filter((status) => status === 409)).toHaveLength(250);
    expect(await stockOf(itemId)).toBe(0);
  });

  it('keeps every order answered 201 when A is killed mid-burst, while B answers throughout', async () => {
    const itemId = await newItem(1000);
    const buyer = await newUser();
    const token = (await login(b, buyer.username)).access_token;
    let answered = 0;
    const order = async (server: ServerProcess) => {
      try {
        const response = await call(server, 'POST', '/orders', token, {
          lines: [{ itemId, quantity: 1 }],
        });
        answered++;
        if (answered === 40) a.child.kill('SIGKILL');
        return {
          server: server.name,
          status: response.status,
          id: ((await response.json()) as { id?: string }).id,
        };
      } catch {
        return { server: server.name, status: 0, id: undefined };
      }
    };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => order(i % 2 ? a : b)));

    const fromB = results.filter((result) => result.server === 'B');
    expect(fromB.every((result) => result.status === 201)).toBe(true);
    expect(
      results.filter((result) => result.server === 'A' && result.status === 0).length,
    ).toBeGreaterThan(0);
    const accepted = results.filter((result) => result.status === 201);
    for (const { id } of accepted) {
      expect((await call(b, 'GET', `/orders/${id}`, token)).status).toBe(200);
    }
    const listed = (await (await call(b, 'GET', '/orders?limit=1', token)).json()) as {
      total: number;
    };
    // Nothing lost or doubled: the stock taken is exactly what the stored orders hold.
    expect(1000 - (await stockOf(itemId))).toBe(listed.total);
    expect(listed.total).toBeGreaterThanOrEqual(accepted.length);
  });
});
