import { Seeder } from './seed';
import { api, startServer } from './server';

/** Untimed requests first: a fresh process's first requests compile what they run. */
const WARM_UP_REQUESTS = 50;
/**
 * How long reads and writes are timed without a purge, as the reference for those timed during
 * one: long enough for a rare slow request to show in it too.
 */
const REFERENCE_MS = 60_000;

type Timings = { reads: number[]; writes: number[] };

/**
 * One request at a time, mostly reads (a page of items) and a write (a new item: a transaction that
 * waits for whatever write lock a purge statement holds) in every 21, while `going` says so.
 */
async function timeRequests(url: string, token: string, going: () => Promise<boolean>) {
  const list = () => api(url, '/items?limit=20&count=false', { token });
  const create = () =>
    api(url, '/items', { token, body: { name: 'purge-bench', priceCents: 100, stock: 1 } });
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await list();
  for (let i = 0; i < 5; i++) await create();
  const timings: Timings = { reads: [], writes: [] };
  const timed = async (into: number[], request: () => Promise<unknown>) => {
    const started = performance.now();
    await request();
    into.push(performance.now() - started);
  };
  while (await going()) {
    for (let i = 0; i < 20; i++) await timed(timings.reads, list);
    await timed(timings.writes, create);
  }
  return timings;
}

function summary(timings: number[], what: string): string {
  timings.sort((a, b) => a - b);
  return (
    `${timings.length} ${what}: p50 ${timings[Math.floor(timings.length / 2)].toFixed(1)} ms, ` +
    `slowest ${timings.at(-1)!.toFixed(1)} ms, ${timings.filter((t) => t > 100).length} over 100 ms`
  );
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([table, rows]) => `${table} ${rows.toLocaleString('en')}`)
    .join(', ');

/**
 * Seeds `rows` expired token rows (and half and a tenth as many in the other tables), times
 * requests without a purge, then lets a server purge them (PURGE_INTERVAL=1) and times the same
 * requests until none is left. Returns the report's paragraph.
 */
export async function benchPurge(
  name: string,
  databaseUrl: string,
  dataDir: string,
  seeder: Seeder,
  adminToken: string,
  rows: number,
): Promise<string> {
  await seeder.expiredTokens(rows);
  await seeder.analyze();
  const before = await seeder.tokenCounts();
  const expired = rows + Math.floor(rows / 2) + Math.floor(rows / 10);

  let server = await startServer(databaseUrl, dataDir);
  const referenceEnds = performance.now() + REFERENCE_MS;
  const reference = await timeRequests(
    server.url,
    adminToken,
    async () => performance.now() < referenceEnds,
  );
  await server.stop();

  server = await startServer(databaseUrl, dataDir, { PURGE_INTERVAL: '1', RETENTION_GRACE: '0' });
  const started = performance.now();
  const during = await timeRequests(server.url, adminToken, () => seeder.expiredLeft());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  await server.stop();
  const after = await seeder.tokenCounts();
  return (
    `**${name} purge** of ${expired.toLocaleString('en')} expired rows: before ${counts(before)}; ` +
    `after ${counts(after)}; done ${seconds} s after start-up (the first purge starts after 1 s). ` +
    `Meanwhile, one at a time, ${summary(during.reads, 'GET /items')}; ` +
    `${summary(during.writes, 'POST /items')}. ` +
    `The same without a purge: ${summary(reference.reads, 'GET /items')}; ` +
    `${summary(reference.writes, 'POST /items')}.`
  );
}
