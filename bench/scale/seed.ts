import Database from 'better-sqlite3';
import { Client } from 'pg';

/** The rows the benchmark adds, straight in SQL: through the API a million items take hours. */
export interface Seeder {
  /** Items numbered `from`..`to`, ten a second of `createdAt` (ties, as real traffic makes). */
  items(from: number, to: number): Promise<void>;
  /** `count` user accounts (no one signs in with them: the hash is a placeholder). */
  users(count: number): Promise<void>;
  /** `count` orders of one line each for `userId`. */
  orders(userId: string, count: number): Promise<void>;
  /** Expired token rows: `count` revocations, `count` / 2 refresh tokens, `count` / 10 codes. */
  expiredTokens(count: number): Promise<void>;
  /** Rows per token table. */
  tokenCounts(): Promise<Record<string, number>>;
  /**
   * Whether any seeded expired row is left: an index lookup, cheap enough to ask while the purge is
   * timed (counting the tables each time would load the machine the requests are timed on).
   */
  expiredLeft(): Promise<boolean>;
  /**
   * What autovacuum would do soon after such a load, done before measuring rather than during it:
   * PostgreSQL without statistics reads a freshly loaded million rows in full, not by the index.
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** The seeded expired rows all expire at 1 (Unix seconds); the expiry columns are indexed. */
const EXPIRED_LEFT = `SELECT EXISTS (SELECT 1 FROM "refresh_tokens" WHERE "expiresAt" <= 1)
  OR EXISTS (SELECT 1 FROM "authorization_codes" WHERE "expiresAt" <= 1)
  OR EXISTS (SELECT 1 FROM "revoked_access_tokens" WHERE "expiresAt" <= 1) AS "left"`;

export const TOKEN_TABLES = [
  'refresh_tokens',
  'authorization_codes',
  'revoked_access_tokens',
  'login_attempts',
];

const SQLITE_UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
const sqliteSeries = (from: number, to: number) =>
  `WITH RECURSIVE s(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM s WHERE n < ${to})`;

export function sqliteSeeder(path: string): Seeder {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  return {
    async items(from, to) {
      db.exec(`${sqliteSeries(from, to)}
        INSERT INTO "items" ("id", "name", "description", "priceCents", "stock", "createdAt", "updatedAt")
        SELECT ${SQLITE_UUID}, 'item ' || n, NULL, 100, 1000000,
          datetime('2020-01-01', '+' || (n / 10) || ' seconds'), datetime('now') FROM s`);
    },
    async users(count) {
      db.exec(`${sqliteSeries(1, count)}
        INSERT INTO "users" ("id", "username", "usernameKey", "passwordHash", "role", "createdAt", "updatedAt")
        SELECT ${SQLITE_UUID}, 'bench' || n, 'bench' || n, 'x', 'user',
          datetime('2019-01-01', '+' || (n / 10) || ' seconds'), datetime('now') FROM s`);
    },
    async orders(userId, count) {
      const itemId = (db.prepare('SELECT "id" FROM "items" LIMIT 1').get() as { id: string }).id;
      db.exec(`${sqliteSeries(1, count)}
        INSERT INTO "orders" ("id", "userId", "status", "totalCents", "createdAt", "updatedAt")
        SELECT ${SQLITE_UUID}, '${userId}', 'pending', 100,
          datetime('2021-01-01', '+' || (n / 10) || ' seconds'), datetime('now') FROM s;
        INSERT INTO "order_lines" ("id", "orderId", "position", "itemId", "quantity", "unitPriceCents")
        SELECT ${SQLITE_UUID}, "id", 0, '${itemId}', 1, 100 FROM "orders" WHERE "userId" = '${userId}'`);
    },
    async expiredTokens(count) {
      db.exec(`${sqliteSeries(1, count)}
        INSERT INTO "revoked_access_tokens" ("id", "expiresAt") SELECT 'bench-' || n, 1 FROM s`);
      db.exec(`${sqliteSeries(1, Math.floor(count / 2))}
        INSERT INTO "refresh_tokens" ("id", "tokenHash", "familyId", "userId", "clientId", "scope",
          "tokenVersion", "accessTokenId", "accessTokenExpiresAt", "expiresAt", "usedAt", "revokedAt", "createdAt")
        SELECT ${SQLITE_UUID}, 'bench-' || n, ${SQLITE_UUID}, ${SQLITE_UUID}, 'scopegate-web', 'read',
          0, 'bench-' || n, 1, 1, NULL, NULL, 1 FROM s`);
      db.exec(`${sqliteSeries(1, Math.floor(count / 10))}
        INSERT INTO "authorization_codes" ("id", "codeHash", "clientId", "redirectUri", "userId",
          "tokenVersion", "scope", "codeChallenge", "expiresAt", "usedAt", "familyId", "createdAt")
        SELECT ${SQLITE_UUID}, 'bench-' || n, 'scopegate-web', 'http://localhost/cb', ${SQLITE_UUID},
          0, 'read', 'x', 1, NULL, NULL, 1 FROM s`);
    },
    async tokenCounts() {
      return Object.fromEntries(
        TOKEN_TABLES.map((table) => [
          table,
          (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
        ]),
      );
    },
    async expiredLeft() {
      return (db.prepare(EXPIRED_LEFT).get() as { left: number }).left === 1;
    },
    async analyze() {
      // SQLite's planner picks the list indexes without statistics.
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresSeeder(url: string): Promise<Seeder> {
  const db = new Client({ connectionString: url });
  await db.connect();
  return {
    async items(from, to) {
      await db.query(`INSERT INTO "items" ("name", "priceCents", "stock", "createdAt")
        SELECT 'item ' || n, 100, 1000000, timestamp '2020-01-01' + n * interval '100 milliseconds'
        FROM generate_series(${from}, ${to}) AS n`);
    },
    async users(count) {
      await db.query(`INSERT INTO "users" ("username", "usernameKey", "passwordHash", "role", "createdAt")
        SELECT 'bench' || n, 'bench' || n, 'x', 'user', timestamp '2019-01-01' + n * interval '100 milliseconds'
        FROM generate_series(1, ${count}) AS n`);
    },
    async orders(userId, count) {
      await db.query(
        `WITH placed AS (INSERT INTO "orders" ("userId", "status", "totalCents", "createdAt")
          SELECT $1, 'pending', 100, timestamp '2021-01-01' + n * interval '100 milliseconds'
          FROM generate_series(1, $2::int) AS n RETURNING "id")
        INSERT INTO "order_lines" ("orderId", "position", "itemId", "quantity", "unitPriceCents")
        SELECT "id", 0, (SELECT "id" FROM "items" LIMIT 1), 1, 100 FROM placed`,
        [userId, count],
      );
    },
    async expiredTokens(count) {
      await db.query(`INSERT INTO "revoked_access_tokens" ("id", "expiresAt")
        SELECT 'bench-' || n, 1 FROM generate_series(1, ${count}) AS n`);
      await db.query(`INSERT INTO "refresh_tokens" ("tokenHash", "familyId", "userId", "clientId",
          "scope", "tokenVersion", "accessTokenId", "accessTokenExpiresAt", "expiresAt", "createdAt")
        SELECT 'bench-' || n, gen_random_uuid(), gen_random_uuid(), 'scopegate-web', 'read', 0,
          'bench-' || n, 1, 1, 1 FROM generate_series(1, ${Math.floor(count / 2)}) AS n`);
      await db.query(`INSERT INTO "authorization_codes" ("codeHash", "clientId", "redirectUri",
          "userId", "tokenVersion", "scope", "codeChallenge", "expiresAt", "createdAt")
        SELECT 'bench-' || n, 'scopegate-web', 'http://localhost/cb', gen_random_uuid(), 0, 'read',
          'x', 1, 1 FROM generate_series(1, ${Math.floor(count / 10)}) AS n`);
    },
    async tokenCounts() {
      const counts: Record<string, number> = {};
      for (const table of TOKEN_TABLES) {
        const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
        counts[table] = Number(rows[0].n);
      }
      return counts;
    },
    async expiredLeft() {
      return (await db.query<{ left: boolean }>(EXPIRED_LEFT)).rows[0].left;
    },
    async analyze() {
      await db.query('VACUUM (ANALYZE)');
    },
    async close() {
      await db.end();
    },
  };
}
