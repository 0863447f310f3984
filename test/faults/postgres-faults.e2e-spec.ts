import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/listen';
import { createOwnPostgres, OwnPostgres } from '../support/own-postgres';
import { startServer, ServerProcess, until } from '../support/server-process';
import { adminTokens, Answer, call, Call, logLines } from './client';

const ADMIN = { username: 'admin', password: 'faults-admin-password' };
const STATEMENT_TIMEOUT_MS = 1000;
const ACQUIRE_TIMEOUT_MS = 500;

describe('PostgreSQL faults: 503 with Retry-After, bounded waits, recovery without a restart', () => {
  let postgres: OwnPostgres;
  let server: ServerProcess;
  let dataDir: string;
  let tokens: { access_token: string; refresh_token: string };
  let itemId: string;

  beforeAll(async () => {
    postgres = await createOwnPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'scopegate-faults-'));
    server = await startServer('postgres-faults', await freePort(), {
      DATABASE_URL: postgres.url,
      DB_MIGRATE: 'true',
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
      // The bursts come from one address; the per-address limit would answer them 429.
      THROTTLE_DEFAULT_PER_MINUTE: '0',
    });
    tokens = await adminTokens(server.url, ADMIN.username, ADMIN.password);
    const item = await call(server.url, '/items', {
      token: tokens.access_token,
      json: { name: 'Cup', priceCents: 500, stock: 1000 },
    });
    itemId = item.body.id as string;
  });

  afterAll(async () => {
    await server?.stop();
    postgres?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One request of every class that needs the database: reads, writes, OAuth, readiness. */
  const everyRouteClass = (): Array<[string, Call]> => [
    ['/items', { token: tokens.access_token }],
    [`/items/${itemId}`, { token: tokens.access_token }],
    ['/users/me', { token: tokens.access_token }],
    ['/orders', { token: tokens.access_token, json: { lines: [{ itemId, quantity: 1 }] } }],
    ['/auth/token', { form: { grant_type: 'password', ...ADMIN } }],
    ['/auth/token', { form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token } }],
    ['/health/ready', {}],
  ];

  it('answers 503 with Retry-After on every route class while the server is down, then recovers', async () => {
    postgres.stop('immediate');
    const burst = Array.from({ length: 5 }, everyRouteClass).flat();
    const answers = await Promise.all(
      burst.map(([path, request]) => call(server.url, path, request)),
    );

    for (const [index, answer] of answers.entries()) {
      const [path] = burst[index];
      expect({ path, status: answer.status }).toEqual({ path, status: 503 });
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(answer.ms).toBeLessThan(ACQUIRE_TIMEOUT_MS + 2000);
      if (path === '/auth/token') {
        expect(answer.body.error).toBe('temporarily_unavailable');
        expect(answer.headers.get('cache-control')).toBe('no-store');
      } else if (path !== '/health/ready') {
        expect(answer.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      }
    }
    expect(logLines(server.output(), /Database unreachable: answering 503/)).toHaveLength(1);
    expect(logLines(server.output(), /"level":50/)).toEqual([]);

    postgres.start();
    await until(
      async () => (await call(server.url, '/items', { token: tokens.access_token })).status === 200,
      'GET /items to answer 200 again',
    );
    await until(
      async () => logLines(server.output(), /Database unreachable: over/).length === 1,
      'the recovery to be logged once',
    );
    expect((await call(server.url, '/health/ready')).status).toBe(200);
  });

  it('fails a locked table’s requests in bounded time while another feature keeps its latency', async () => {
    const normal = await call(server.url, '/users/me', { token: tokens.access_token });
    expect(normal.status).toBe(200);
    const locker = new Client({ connectionString: postgres.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
      const stuck = Promise.all(
        Array.from({ length: 30 }, () =>
          call(server.url, '/items', { token: tokens.access_token }),
        ),
      );
      const meanwhile: Answer[] = [];
      for (let i = 0; i < 10; i++) {
        meanwhile.push(await call(server.url, '/users/me', { token: tokens.access_token }));
      }
      const items = await stuck;

      for (const answer of meanwhile) {
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(500);
      }
      for (const answer of items) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(answer.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + ACQUIRE_TIMEOUT_MS + 1500);
      }
      const ready = await call(server.url, '/health/ready');
      expect(ready.status).toBe(503);
      expect(JSON.stringify(ready.body)).toContain('timeout');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await call(server.url, '/items', { token: tokens.access_token })).status).toBe(200);
    await until(async () => (await call(server.url, '/health/ready')).status === 200, 'readiness');
    expect(logLines(server.output(), /timing out: answering 503/)).toHaveLength(1);
  });

  it('keeps every turn through bursts whose clients hang up mid-flight', async () => {
    for (let run = 0; run < 3; run++) {
      await autocannon({
        url: `${server.url}/items/${itemId}`,
        connections: 50,
        duration: 1,
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
    }
    const after = await call(server.url, `/items/${itemId}`, { token: tokens.access_token });
    expect(after.status).toBe(200);
    expect(after.ms).toBeLessThan(1000);
  });
});
