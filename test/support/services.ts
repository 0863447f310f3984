import { basename } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * `npm run test:services` runs the whole suite on PostgreSQL and Redis. Each test app then gets a
 * database of its own (named after its data directory, so a restart finds it again) and a Redis key
 * prefix of its own: runs and suites never see each other's data.
 */
export const SERVICES = {
  postgresUrl: process.env.TEST_DATABASE_URL,
  redisUrl: process.env.TEST_REDIS_URL,
};

/**
 * Checkouts that test against the same servers at once set TEST_SERVICES_TAG each, so that one
 * run's clean-up never drops another's databases or keys.
 */
const TAG = (process.env.TEST_SERVICES_TAG ?? 'run').toLowerCase().replace(/[^a-z0-9]/g, '');
export const TEST_DATABASE_PREFIX = `scopegate_test_${TAG}_`;
export const TEST_REDIS_PREFIX = `scopegate-test:${TAG}:`;

const databaseName = (dataDir: string) =>
  `${TEST_DATABASE_PREFIX}${basename(dataDir)
    .replace(/[^A-Za-z0-9]/g, '_')
    .toLowerCase()}`;

async function withAdminClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVICES.postgresUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * The environment that points a test app at its own database and key space; `redis: false` leaves
 * Redis out (a single instance on PostgreSQL keeps its state in the database).
 */
export async function servicesEnvironment(
  dataDir: string,
  { redis = true }: { redis?: boolean } = {},
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  if (SERVICES.postgresUrl) {
    const name = databaseName(dataDir);
    await withAdminClient(async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    });
    const url = new URL(SERVICES.postgresUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.DB_MIGRATE = 'true';
  }
  if (SERVICES.redisUrl && redis) {
    env.REDIS_URL = SERVICES.redisUrl;
    env.REDIS_KEY_PREFIX = `${TEST_REDIS_PREFIX}${basename(dataDir)}:`;
  }
  return env;
}

/** Drops what servicesEnvironment made for this data directory. */
export async function dropServices(dataDir: string): Promise<void> {
  if (SERVICES.postgresUrl) {
    await withAdminClient((client) =>
      client.query(`DROP DATABASE IF EXISTS "${databaseName(dataDir)}" WITH (FORCE)`),
    );
  }
  if (SERVICES.redisUrl) await deleteRedisKeys(`${TEST_REDIS_PREFIX}${basename(dataDir)}:*`);
}

export async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(SERVICES.redisUrl!, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Whatever a crashed run left behind: every test database and test key. */
export async function dropAllTestServices(): Promise<void> {
  if (SERVICES.postgresUrl) {
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
      const ours = rows.filter(({ datname }) => datname.startsWith(TEST_DATABASE_PREFIX));
      for (const { datname } of ours) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    });
  }
  if (SERVICES.redisUrl) await deleteRedisKeys(`${TEST_REDIS_PREFIX}*`);
}
