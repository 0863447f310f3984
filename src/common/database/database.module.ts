import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
import { AppConfig, appConfig, DatabaseConfig } from '../../config/app.config';
import { DatabaseAvailability } from './database-availability';
import { databaseOptions } from './database-options';
import {
  explainDatabaseProblem,
  isTransientConnectionError,
  MIGRATE_COMMAND,
  databaseLocation,
} from './database-problem';
import { SqliteBackgroundConnection } from './sqlite-background-connection';
import { bindSqliteIntegers } from './sqlite-bound-integers';
import { serializeSqliteAccess } from './sqlite-serialization';

/** A database still starting gets this many tries, a second apart; then start-up fails. */
export const CONNECT_ATTEMPTS = 5;
const RETRY_DELAY_MS = 1000;

/**
 * PostgreSQL migrates on a connection of its own, without the serving pool's statement timeout (an
 * index on a large table may take longer); SQLite migrates on the serving connection, the only one
 * an in-memory database has.
 */
async function initialize(options: DataSourceOptions, database: DatabaseConfig) {
  if (database.type === 'sqlite' || !database.migrate) {
    return new DataSource(options).initialize();
  }
  const migrator = await new DataSource(databaseOptions(database)).initialize();
  try {
    await migrator.runMigrations();
  } finally {
    await migrator.destroy();
  }
  return new DataSource({ ...options, migrationsRun: false }).initialize();
}

async function connect(
  options: DataSourceOptions,
  database: DatabaseConfig,
  checkSchema: boolean,
): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      const dataSource = await initialize(options, database);
      if (checkSchema) await refuseUnmigrated(dataSource, database);
      return dataSource;
    } catch (error) {
      if (isTransientConnectionError(error) && attempt < CONNECT_ATTEMPTS) {
        await sleep(RETRY_DELAY_MS);
        continue;
      }
      const explained = explainDatabaseProblem(error, database);
      if (!explained) throw error;
      throw new Error(
        isTransientConnectionError(error) ? `${explained} (${attempt} attempts)` : explained,
      );
    }
  }
}

/** Serving on a schema older than the code fails request by request: refuse to start instead. */
async function refuseUnmigrated(dataSource: DataSource, database: DatabaseConfig): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) return;
  await dataSource.destroy();
  throw new Error(
    `${databaseLocation(database)} lacks ${pending.length} migration(s): run ${MIGRATE_COMMAND}, or start with DB_MIGRATE=true`,
  );
}

/**
 * The configured database, for the server and the CLI alike; features register their entities.
 * Global: whoever handles an error may need to tell DatabaseAvailability about it.
 * `checkSchema`: refuse a schema that lacks migrations (the server; not the CLI, which applies them).
 */
@Module({})
export class DatabaseModule {
  static forRoot({ checkSchema }: { checkSchema: boolean }): DynamicModule {
    let database: DatabaseConfig;
    return {
      module: DatabaseModule,
      global: true,
      providers: [DatabaseAvailability, SqliteBackgroundConnection],
      exports: [DatabaseAvailability, SqliteBackgroundConnection],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) => {
            database = config.database;
            return {
              ...databaseOptions(config.database, { serving: true }),
              autoLoadEntities: true,
              // connect() retries what is worth retrying, and says once what went wrong.
              toRetry: () => false,
            };
          },
          dataSourceFactory: async (options) => {
            const dataSource = await connect(options!, database, checkSchema && !database.migrate);
            if (dataSource.options.type === 'better-sqlite3') {
              serializeSqliteAccess(dataSource);
              bindSqliteIntegers(dataSource);
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
