import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/listen';
import { startServer, ServerProcess, until } from '../support/server-process';
import { adminTokens, Answer, call } from './client';

const ADMIN = { username: 'admin', password: 'faults-admin-password' };
/**
 * Far above what one process serves: a request read late in a loop turn that reads thousands of
 * requests is shed.
 */
const CONNECTIONS = 3000;
/**
 * How late a request may be read before it is shed. Whether the default (200 ms), or even 50 ms,
 * is crossed depends on how fast this machine drains a turn: a fast run shed nothing. 20 ms is
 * crossed on every machine this runs on, and the mechanism under test is the same.
 */
const MAX_EVENT_LOOP_DELAY_MS = 20;
const BURST_SECONDS = 6;

describe('overload: excess requests are shed with 503 early, the rest stay served', () => {
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'scopegate-overload-'));
    server = await startServer('overload', await freePort(), {
      DATABASE_URL: `sqlite:${join(dataDir, 'scopegate.db')}`,
      DATA_DIR: dataDir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      // The burst comes from one address: the per-address limit would answer 429 first.
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: String(MAX_EVENT_LOOP_DELAY_MS),
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers some requests 503 with Retry-After, serves the rest, and stays up', async () => {
    const { access_token: token } = await adminTokens(server.url, ADMIN.username, ADMIN.password);
    const item = await call(server.url, '/items', {
      token,
      json: { name: 'Cup', priceCents: 100, stock: 1 },
    });
    const path = `/items/${item.body.id as string}`;
    const statuses = new Set<number>();
    const shed: Array<{ headers?: IncomingHttpHeaders; body: string }> = [];
    const live: Answer[] = [];
    let bursting = true;
    const probing = (async () => {
      while (bursting) live.push(await call(server.url, '/health/live'));
    })();
    const result = await autocannon({
      url: `${server.url}${path}`,
      connections: CONNECTIONS,
      duration: BURST_SECONDS,
      headers: { authorization: `Bearer ${token}` },
      requests: [
        {
          onResponse: (status, body, _context, headers) => {
            if (status === 503 && shed.length < 100) shed.push({ headers, body });
          },
        },
      ],
      setupClient: (client) => client.on('response', (status: number) => statuses.add(status)),
    });

    bursting = false;
    await probing;

    // No latency bound here: how long the served requests took depends on the machine (a CI
    // run saw a p99 of 4.8 s, earlier runs under 3 s); the test checks the mechanism.
    expect([...statuses].sort()).toEqual([200, 503]);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(shed.length).toBeGreaterThan(0);
    for (const answer of shed) {
      expect(answer.headers?.['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(answer.body)).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The server is overloaded; retry shortly',
      });
    }
    // The liveness probe is never shed: a busy process is not a dead one.
    expect(live.map((answer) => answer.status)).toEqual(live.map(() => 200));
    expect(server.child.exitCode).toBeNull();
    await until(async () => (await call(server.url, '/health/ready')).status === 200, 'readiness');
    expect((await call(server.url, path, { token })).status).toBe(200);
  });
});
