import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../../config/app.config';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * TypeORM options for the configured database, without entities (each feature module registers its
 * own). The schema always comes from migrations.
 */
export function databaseOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.type === 'postgres') {
    throw new Error('Invalid configuration:\n  - DATABASE_URL: PostgreSQL is not supported yet');
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    migrationsRun: true,
    enableWAL: database.path !== ':memory:',
    timeout: 5000,
  };
}
