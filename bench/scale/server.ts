import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/listen';

const ROOT = join(__dirname, '..', '..');
const NODE_OPTIONS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    config: { nodeOptions: string };
  }
).config.nodeOptions.split(' ');

export const ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' };
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** The production build (`dist/main`) as `npm start` runs it, once GET /health/ready answers 200. */
export async function startServer(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...NODE_OPTIONS, 'dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DB_MIGRATE: 'true',
      JWT_PRIVATE_KEY: PRIVATE_KEY,
      JWT_ISSUER: 'http://scopegate.bench',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ACCESS_TOKEN_TTL: '86400',
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '1000000',
      PURGE_INTERVAL: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('scopegate exited before it was ready');
    if (i > 600) throw new Error('scopegate did not become ready in 60 s');
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await sleep(100);
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Calls the API and returns the JSON answer; throws on anything but 2xx. */
export async function api<T>(
  url: string,
  path: string,
  options: { token?: string; method?: string; body?: object; form?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: options.method ?? (options.body || options.form ? 'POST' : 'GET'),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { 'content-type': 'application/json' } : {}),
    },
    body: options.form
      ? new URLSearchParams(options.form)
      : options.body
        ? JSON.stringify(options.body)
        : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** p50 and p99 in milliseconds of `samples` sequential GETs, after a few unmeasured ones. */
export async function latency(
  url: string,
  token: string,
  samples: number,
): Promise<{ p50: number; p99: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let i = 0; i < Math.min(20, samples); i++) await once();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await once());
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99) };
}
