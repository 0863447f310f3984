import { KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextPort, ROOT, Server, startServer, waitUntilUp } from './processes';

export const BENCH_ISSUER = 'http://scopegate.bench';
export const BENCH_AUDIENCE = 'scopegate-api';
export const ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' };

/** The V8 heap settings scopegate runs with (package.json `config.nodeOptions`, as in the image). */
const NODE_OPTIONS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    config: { nodeOptions: string };
  }
).config.nodeOptions.split(' ');

export interface ScopegateInstance {
  /** Names the instance's data directory and output file. */
  name: string;
  logLevel: 'info' | 'warn';
  /** PostgreSQL and Redis; the instance gets an SQLite file of its own without them. */
  services?: { DATABASE_URL: string; REDIS_URL: string; REDIS_KEY_PREFIX: string };
}

/**
 * One scopegate process as production runs it: the build in dist/, NODE_ENV=production, its JSON
 * request log written to a file, no rate limit in the way of the load generator, and tokens that
 * outlive the whole bench.
 */
export async function startScopegate(
  instance: ScopegateInstance,
  privateKey: KeyObject,
  workDir: string,
): Promise<Server> {
  const dataDir = join(workDir, instance.name);
  mkdirSync(dataDir);
  const server = startServer(
    process.execPath,
    [...NODE_OPTIONS, 'dist/main.js'],
    {
      NODE_ENV: 'production',
      LOG_LEVEL: instance.logLevel,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`,
      DB_MIGRATE: 'true',
      ...instance.services,
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_ISSUER: BENCH_ISSUER,
      JWT_AUDIENCE: BENCH_AUDIENCE,
      ACCESS_TOKEN_TTL: '86400',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '1000000',
      // A sign-in counts against this limit until its password checks out: the load generator
      // keeps up to BENCH_CONNECTIONS right ones in flight at once.
      THROTTLE_LOGIN_FAILURES: '1000',
    },
    nextPort(),
    join(workDir, `${instance.name}.log`),
  );
  await waitUntilUp(server, '/health/live');
  return server;
}
