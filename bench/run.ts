/**
 * `npm run bench`: scopegate (production build, Fastify; SQLite, or PostgreSQL + Redis when
 * DATABASE_URL / REDIS_URL are set) against a bare Fastify baseline, A/B/A/B/A/B, with autocannon.
 * Prints requests/s, p50/p99 latency, peak RSS, and the scopegate/baseline ratios; then a longer
 * run on one route to see whether memory grows; then POST /auth/token against the argon2 rate.
 * scopegate runs with the V8 flags of package.json `config.nodeOptions`. It reports; never fails.
 *
 * Options (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_PAIRS (3),
 * BENCH_CONNECTIONS (50), BENCH_MEMORY_SECONDS (180; 0 skips the memory run).
 */
import autocannon from 'autocannon';
import * as argon2 from 'argon2';
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 180);
const ROOT = join(__dirname, '..');
const PASSWORD = 'correct-horse-battery';

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/** The V8 heap settings scopegate runs with (package.json `config.nodeOptions`, as in the image). */
const NODE_OPTIONS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    config: { nodeOptions: string };
  }
).config.nodeOptions.split(' ');

function start(script: string, env: Record<string, string>, port: number): ChildProcess {
  return spawn(
    process.execPath,
    script.endsWith('.ts')
      ? ['-r', 'ts-node/register/transpile-only', script]
      : [...NODE_OPTIONS, script],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/** One autocannon run, with RSS sampled every 100 ms in the server process. */
async function measure(pid: number, options: autocannon.Options): Promise<Measure> {
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  clearInterval(sampler);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    peakRssMb: peak,
  };
}

/** What argon2id with scopegate's parameters verifies per second here, on all threads at once. */
async function argon2Rate(): Promise<number> {
  const hash = await argon2.hash(PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  let done = 0;
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      await argon2.verify(hash, PASSWORD);
      done++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return done / SECONDS;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build'))
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'scopegate-bench-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = 'http://scopegate.bench';
  const appPort = 41000 + Math.floor(Math.random() * 1000);
  const basePort = appPort + 1;
  const app = start(
    'dist/main.js',
    {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dataDir, 'bench.db')}`,
      DB_MIGRATE: 'true',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_ISSUER: issuer,
      ADMIN_USERNAME: 'bench-admin',
      ADMIN_PASSWORD: 'bench-admin-password-1',
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '1000000',
      HOST: '127.0.0.1',
    },
    appPort,
  );
  const url = `http://127.0.0.1:${appPort}`;
  let baseline: ChildProcess | undefined;
  try {
    await waitFor(`${url}/health/live`);
    const form = (fields: Record<string, string>) =>
      fetch(`${url}/auth/token`, { method: 'POST', body: new URLSearchParams(fields) }).then(
        (response) => response.json() as Promise<{ access_token: string }>,
      );
    const admin = (
      await form({
        grant_type: 'password',
        username: 'bench-admin',
        password: 'bench-admin-password-1',
      })
    ).access_token;
    const api = (method: string, path: string, token: string, body?: object) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      }).then((response) => response.json() as Promise<Record<string, unknown>>);
    const username = `bench${Date.now()}`;
    await api('POST', '/users', admin, { username, password: PASSWORD });
    const item = await api('POST', '/items', admin, {
      name: 'Bench item',
      priceCents: 199,
      stock: 1_000_000,
    });
    const user = (await form({ grant_type: 'password', username, password: PASSWORD }))
      .access_token;
    for (let i = 0; i < 20; i++)
      await api('POST', '/orders', user, { lines: [{ itemId: item.id, quantity: 1 }] });

    const routes = [
      { name: 'GET /items/:id (items:read)', path: `/items/${String(item.id)}` },
      { name: 'GET /users/me', path: '/users/me' },
      { name: 'GET /orders (20 orders)', path: '/orders' },
    ];
    const bodies: Record<string, string> = {};
    for (const route of routes)
      bodies[route.path] = JSON.stringify(await api('GET', route.path, user));
    baseline = start(
      'bench/baseline.ts',
      {
        BENCH_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        BENCH_ISSUER: issuer,
        BENCH_AUDIENCE: 'scopegate-api',
        BENCH_BODIES: JSON.stringify(bodies),
      },
      basePort,
    );
    await waitFor(`http://127.0.0.1:${basePort}/health`);

    const lines: string[] = [];
    const headers = { authorization: `Bearer ${user}` };
    for (const route of routes) {
      const ratios: number[] = [];
      for (let pair = 1; pair <= PAIRS; pair++) {
        const a = await measure(app.pid!, { url: `${url}${route.path}`, headers });
        const b = await measure(baseline.pid!, {
          url: `http://127.0.0.1:${basePort}${route.path}`,
          headers,
        });
        ratios.push(a.rps / b.rps);
        lines.push(
          `| ${route.name} | ${pair} | ${a.rps.toFixed(0)} | ${a.p50} / ${a.p99} | ${a.peakRssMb.toFixed(0)} | ` +
            `${b.rps.toFixed(0)} | ${b.p50} / ${b.p99} | ${(a.rps / b.rps).toFixed(2)} |`,
        );
        console.log(lines.at(-1));
      }
      lines.push(`| **${route.name}** | **median** | | | | | | **${median(ratios).toFixed(2)}** |`);
      console.log(lines.at(-1));
    }

    // Before the token route: argon2's 19 MiB blocks stay in glibc's per-thread arenas afterwards,
    // which would hide this run's own growth under memory the API routes never asked for.
    let memory = 'skipped';
    if (MEMORY_SECONDS > 0) {
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMb(app.pid!)), 1000);
      await autocannon({
        url: `${url}${routes[0].path}`,
        headers,
        connections: CONNECTIONS,
        duration: MEMORY_SECONDS,
      });
      clearInterval(sampler);
      const third = Math.floor(samples.length / 3);
      const average = (values: number[]) =>
        values.reduce((sum, value) => sum + value, 0) / values.length;
      const first = average(samples.slice(0, third));
      const last = average(samples.slice(-third));
      memory =
        `${MEMORY_SECONDS} s on GET /items/:id: peak RSS ${Math.max(...samples).toFixed(0)} MB; ` +
        `first third ${first.toFixed(0)} MB, last third ${last.toFixed(0)} MB (${(((last - first) / first) * 100).toFixed(1)} %)`;
      console.log(memory);
    }

    const tokenRuns: Measure[] = [];
    const rates: number[] = [];
    const body = new URLSearchParams({
      grant_type: 'password',
      username,
      password: PASSWORD,
    }).toString();
    for (let pair = 1; pair <= PAIRS; pair++) {
      tokenRuns.push(
        await measure(app.pid!, {
          url: `${url}/auth/token`,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      );
      rates.push(await argon2Rate());
      const run = tokenRuns.at(-1)!;
      lines.push(
        `| POST /auth/token | ${pair} | ${run.rps.toFixed(1)} | ${run.p50} / ${run.p99} | ${run.peakRssMb.toFixed(0)} | ` +
          `argon2 ${rates.at(-1)!.toFixed(1)}/s | | ${(run.rps / rates.at(-1)!).toFixed(2)} |`,
      );
      console.log(lines.at(-1));
    }
    lines.push(
      `| **POST /auth/token** | **median** | | | | | | **${median(tokenRuns.map((run, i) => run.rps / rates[i])).toFixed(2)}** |`,
    );

    const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;
    const database = process.env.DATABASE_URL
      ? `PostgreSQL${process.env.REDIS_URL ? ' + Redis' : ''}`
      : 'SQLite';
    const report = [
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; scopegate on ${database}, ` +
        `load generator on the same machine; ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${SECONDS} s per run.`,
      '',
      '| route | run | scopegate req/s | p50 / p99 ms | peak RSS MB | baseline req/s | p50 / p99 ms | ratio |',
      '|---|---|---|---|---|---|---|---|',
      ...lines,
      '',
      `Memory: ${memory}.`,
      '',
    ].join('\n');
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), report);
    console.log(`\n${report}`);
  } finally {
    baseline?.kill('SIGTERM');
    app.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
