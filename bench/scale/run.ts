/**
 * `npm run bench:scale`: how list pages and the token purge cost as tables grow. For SQLite and for
 * PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres; a database of
 * its own is created and dropped; unreachable: skipped), seeds items up to each size, 10,000 users
 * and a user with 10,000 orders in bulk SQL, starts the production build, and times first and deep
 * pages (offset and cursor) with sequential requests; then seeds expired token rows, lets the
 * server purge them, and reports the row counts and the slowest request meanwhile.
 *
 * Options (environment): BENCH_SCALE_SIZES (10000,100000,1000000), BENCH_SCALE_SAMPLES (200),
 * BENCH_SCALE_PURGE_ROWS (the largest size), BENCH_SCALE_DATABASES (sqlite,postgres). `--no-build`
 * skips `npm run build`.
 */
import { execSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresSeeder, Seeder, sqliteSeeder } from './seed';
import { benchPurge } from './purge';
import { ADMIN, api, latency, startServer } from './server';

const ROOT = join(__dirname, '..', '..');
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 200);
const PURGE_ROWS = Number(process.env.BENCH_SCALE_PURGE_ROWS ?? Math.max(...SIZES));
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASES = (process.env.BENCH_SCALE_DATABASES ?? 'sqlite,postgres').split(',');
const ORDERS = 10_000;
const USERS = 10_000;

interface Target {
  readonly name: string;
  readonly url: string;
  seeder(): Promise<Seeder>;
}

type Page = { next: string | null };
const ms = ({ p50, p99 }: { p50: number; p99: number }) => `${p50.toFixed(1)} / ${p99.toFixed(1)}`;

async function benchTarget(target: Target, dataDir: string, lines: string[]): Promise<void> {
  let server = await startServer(target.url, dataDir);
  const form = (fields: Record<string, string>) =>
    api<{ access_token: string }>(server.url, '/auth/token', { form: fields });
  const admin = (await form({ grant_type: 'password', ...ADMIN })).access_token;
  const buyer = await api<{ id: string }>(server.url, '/users', {
    token: admin,
    body: { username: 'bench-buyer', password: ADMIN.password },
  });
  const user = (
    await form({ grant_type: 'password', username: 'bench-buyer', password: ADMIN.password })
  ).access_token;
  await server.stop();

  const seeder = await target.seeder();
  let seeded = 0;
  for (const size of SIZES) {
    await seeder.items(seeded + 1, size);
    if (seeded === 0) {
      await seeder.users(USERS);
      await seeder.orders(buyer.id, ORDERS);
    }
    seeded = size;
    await seeder.analyze();
    server = await startServer(target.url, dataDir);
    const lists = [
      { list: 'items', path: '/items', token: admin, rows: size },
      { list: 'users', path: '/users', token: admin, rows: USERS },
      { list: 'orders (own)', path: '/orders', token: user, rows: ORDERS },
      { list: 'orders (admin: all)', path: '/orders', token: admin, rows: ORDERS },
    ];
    for (const { list, path, token, rows } of lists) {
      // A cursor as deep as the offset page below: the `next` of the page before it.
      const before = await api<Page>(
        server.url,
        `${path}?limit=20&offset=${rows - 40}&count=false`,
        {
          token,
        },
      );
      const cases = [
        ['first', `${path}?limit=20`, `${path}?limit=20&count=false`],
        ['deep', `${path}?limit=20&offset=${rows - 20}`, `${path}?limit=20&after=${before.next}`],
      ];
      for (const [page, byOffset, byCursor] of cases) {
        const offset = await latency(`${server.url}${byOffset}`, token, SAMPLES);
        const cursor = await latency(`${server.url}${byCursor}`, token, SAMPLES);
        lines.push(
          `| ${target.name} | ${size.toLocaleString('en')} | ${list} (${rows.toLocaleString('en')}) | ${page} | ${ms(offset)} | ${ms(cursor)} |`,
        );
        console.log(lines.at(-1));
      }
    }
    await server.stop();
  }

  const purge = await benchPurge(target.name, target.url, dataDir, seeder, admin, PURGE_ROWS);
  await seeder.close();
  lines.push('', purge, '');
  console.log(purge);
}

async function postgresTarget(): Promise<{ target: Target; drop(): Promise<void> } | undefined> {
  const name = `scopegate_bench_${process.pid}`;
  const admin = new Client({ connectionString: POSTGRES });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL at ${POSTGRES} does not answer: skipped`);
    return undefined;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    target: {
      name: 'PostgreSQL',
      url: url.toString(),
      seeder: () => postgresSeeder(url.toString()),
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build'))
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'scopegate-bench-scale-'));
  const postgres = DATABASES.includes('postgres') ? await postgresTarget() : undefined;
  try {
    const sqlitePath = join(dataDir, 'scale.db');
    const targets: Target[] = [
      ...(DATABASES.includes('sqlite')
        ? [
            {
              name: 'SQLite',
              url: `sqlite:${sqlitePath}`,
              seeder: async () => sqliteSeeder(sqlitePath),
            },
          ]
        : []),
      ...(postgres ? [postgres.target] : []),
    ];
    for (const target of targets) await benchTarget(target, join(dataDir, target.name), lines);
  } finally {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
  const report = [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}: ` +
      `\`BENCH_SCALE_SIZES=${SIZES.join(',')} npm run bench:scale\`, ${SAMPLES} sequential requests per figure, ` +
      'the client on the same machine. Offset pages as clients asked before cursors (`total` counted ' +
      'unless `count=false`); cursor pages with `count=false` on the first page and `after` below.',
    '',
    '| database | items | list (rows) | page | offset p50 / p99 ms | cursor p50 / p99 ms |',
    '|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'scale.md'), report);
  console.log(`\n${report}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
