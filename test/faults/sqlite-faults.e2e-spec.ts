import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/listen';
import { startServer, ServerProcess, until } from '../support/server-process';
import { adminTokens, call, logLines } from './client';

const ADMIN = { username: 'admin', password: 'faults-admin-password' };
/** The container's user is not root; as root, file permissions would not apply. */
const NOBODY = { uid: 65534, gid: 65534 };

const environment = (dataDir: string) => ({
  DATABASE_URL: `sqlite:${join(dataDir, 'scopegate.db')}`,
  DATA_DIR: dataDir,
  LOG_FORMAT: 'json',
  // One issuer whatever the port, so tokens outlive a restart.
  JWT_ISSUER: 'http://scopegate.test',
  ADMIN_USERNAME: ADMIN.username,
  ADMIN_PASSWORD: ADMIN.password,
});

const newItem = (token: string, name: string) => ({
  token,
  json: { name, priceCents: 100, stock: 1_000_000 },
});

describe('SQLite faults: refused writes answer 503, reads go on, nothing acknowledged is lost', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'scopegate-sqlite-faults-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dataDir: string, user?: typeof NOBODY) => {
    const server = await startServer('sqlite-faults', await freePort(), environment(dataDir), user);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    for (const dir of dirs.splice(0)) {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on a full filesystem: writes 503, reads 200, and writes again once there is room', async () => {
    const dataDir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir]);
    const server = await start(dataDir);
    const { access_token: token } = await adminTokens(server.url, ADMIN.username, ADMIN.password);
    for (const name of ['Cup', 'Plate', 'Bowl']) {
      expect((await call(server.url, '/items', newItem(token, name))).status).toBe(201);
    }
    const filler = join(dataDir, 'filler');
    expect(() => writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024))).toThrow(/ENOSPC/);

    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(server.url, '/items', newItem(token, `Mug ${i}`))),
    );
    for (const answer of writes) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(answer.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    }
    const grant = await call(server.url, '/auth/token', {
      form: { grant_type: 'password', ...ADMIN },
    });
    expect(grant.status).toBe(503);
    expect(grant.body.error).toBe('temporarily_unavailable');
    const list = await call(server.url, '/items', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect((await call(server.url, '/health/ready')).status).toBe(503);
    expect(logLines(server.output(), /refuses writes.*answering 503/)).toHaveLength(1);

    unlinkSync(filler);
    expect((await call(server.url, '/items', newItem(token, 'Jug'))).status).toBe(201);
    expect((await call(server.url, '/items', { token })).body.total).toBe(4);
    await until(async () => (await call(server.url, '/health/ready')).status === 200, 'readiness');
  });

  it('on a read-only database file: writes 503, reads 200', async () => {
    const dataDir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dataDir]);
    chownSync(dataDir, NOBODY.uid, NOBODY.gid);
    const first = await start(dataDir, NOBODY);
    const { access_token: token } = await adminTokens(first.url, ADMIN.username, ADMIN.password);
    expect((await call(first.url, '/items', newItem(token, 'Cup'))).status).toBe(201);
    await first.stop();
    chmodSync(join(dataDir, 'scopegate.db'), 0o444);

    const server = await start(dataDir, NOBODY);
    expect((await call(server.url, '/items', { token })).body.total).toBe(1);
    const write = await call(server.url, '/items', newItem(token, 'Plate'));
    expect(write.status).toBe(503);
    expect(write.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await call(server.url, '/items', { token })).body.total).toBe(1);
  });

  it('killed with SIGKILL mid-burst: every acknowledged order is there after a restart', async () => {
    const dataDir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dataDir]);
    const first = await start(dataDir);
    const { access_token: token } = await adminTokens(first.url, ADMIN.username, ADMIN.password);
    const item = await call(first.url, '/items', newItem(token, 'Cup'));
    const itemId = item.body.id as string;
    const acknowledged: string[] = [];
    const order = () => ({ token, json: { lines: [{ itemId, quantity: 1 }] } });
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const answer = await call(first.url, '/orders', order()).catch(() => undefined);
        if (answer?.status === 201) acknowledged.push(answer.body.id as string);
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await first.stop();

    const server = await start(dataDir);
    for (const id of acknowledged) {
      expect((await call(server.url, `/orders/${id}`, { token })).status).toBe(200);
    }
    const orders = await call(server.url, '/orders?limit=1', { token });
    const stock = await call(server.url, `/items/${itemId}`, { token });
    expect(stock.body.stock).toBe(1_000_000 - (orders.body.total as number));
    await server.stop();
    const database = new Database(join(dataDir, 'scopegate.db'), { readonly: true });
    try {
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      database.close();
    }
  });
});
