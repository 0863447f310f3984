import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../common/database/database-options';
import { loadAppConfig } from '../config/app.config';
import { ENTITIES } from '../entities';
import { runTool } from './offline-app';

/**
 * Applies pending migrations to DATABASE_URL and exits: `node dist/tools/migrate.js`, for images
 * without the TypeORM CLI (a one-off job before replicas start with DB_MIGRATE=false).
 */
runTool(async () => {
  const { database } = loadAppConfig();
  const dataSource = new DataSource({
    ...databaseOptions(database),
    entities: ENTITIES,
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`Applied ${applied.length} migration(s)`);
  } finally {
    await dataSource.destroy();
  }
});
