import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../../config/app.config';
import { fileProblem } from '../../config/file-problem';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** node-postgres reads `timestamp` (no zone) as local time; the sessions below run in UTC. */
const utcTimestamps = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === Number(types.builtins.TIMESTAMP)
      ? (value) => new Date(`${value.replace(' ', 'T')}Z`)
      : (types.getTypeParser(oid, format) as (value: string) => unknown),
};

function makeDirectoryOf(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create the directory of SQLite ${path}: ${fileProblem(error)}`);
  }
}

/**
 * TypeORM options for the configured database, without entities (each feature module registers its
 * own). The schema always comes from the committed migrations of that database. `serving`: the
 * server's own pool, with its limits; tools and migrations run without a statement timeout.
 */
export function databaseOptions(
  database: DatabaseConfig,
  { serving }: { serving: boolean } = { serving: false },
): DataSourceOptions {
  // TypeORM's own logger prints failed queries with their parameters (password hashes among
  // them): never on. Errors reach the app's log through its error serializer instead.
  const logging = false;
  if (database.type === 'postgres') {
    return {
      type: 'postgres',
      logging,
      url: database.url,
      migrations: POSTGRES_MIGRATIONS,
      migrationsRun: database.migrate,
      // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      extra: {
        options: '-c timezone=UTC',
        types: utcTimestamps,
        // Bounded waits: a slow statement or a full pool fails its request (503) in bounded time.
        ...(serving && {
          max: database.limits.poolSize,
          connectionTimeoutMillis: database.limits.acquireTimeoutMs,
          statement_timeout: database.limits.statementTimeoutMs,
        }),
      },
    };
  }
  if (database.path !== ':memory:') makeDirectoryOf(database.path);
  return {
    type: 'better-sqlite3',
    logging,
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    migrationsRun: database.migrate,
    enableWAL: database.path !== ':memory:',
    // How long a write waits for another process's lock (the CLI's, say); it blocks the thread.
    timeout: serving ? database.limits.acquireTimeoutMs : 5000,
  };
}
