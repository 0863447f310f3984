import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { OPTIONS } from './options';

/** The bench's own database and Redis key space, made for one run and dropped after it. */
export interface BenchServices {
  env: { DATABASE_URL: string; REDIS_URL: string; REDIS_KEY_PREFIX: string };
  drop(): Promise<void>;
}

const TAG = `${process.pid}_${randomBytes(3).toString('hex')}`;
const DATABASE = `scopegate_bench_${TAG}`;
const KEY_PREFIX = `scopegate-bench:${TAG}:`;

async function withPostgres<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: OPTIONS.postgresUrl,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(OPTIONS.redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  await redis.connect();
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function deleteKeys(redis: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${KEY_PREFIX}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Makes the database and checks Redis; a string saying why (one line) when either does not
 * answer, so that the bench goes on without them.
 */
export async function createBenchServices(): Promise<BenchServices | string> {
  if (OPTIONS.postgresUrl === 'off') return 'PostgreSQL + Redis skipped (BENCH_POSTGRES_URL=off)';
  try {
    await withRedis((redis) => redis.ping());
    await withPostgres((client) => client.query(`CREATE DATABASE "${DATABASE}"`));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `PostgreSQL + Redis skipped: ${reason} (BENCH_POSTGRES_URL=${OPTIONS.postgresUrl}, BENCH_REDIS_URL=${OPTIONS.redisUrl})`;
  }
  const url = new URL(OPTIONS.postgresUrl);
  url.pathname = `/${DATABASE}`;
  return {
    env: {
      DATABASE_URL: url.toString(),
      REDIS_URL: OPTIONS.redisUrl,
      REDIS_KEY_PREFIX: KEY_PREFIX,
    },
    drop: async () => {
      await withPostgres((client) =>
        client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`),
      );
      await withRedis(deleteKeys);
    },
  };
}
