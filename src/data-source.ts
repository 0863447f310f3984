import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './common/database/database-options';
import { buildAppConfig } from './config/app.config';
import { validateEnvironment } from './config/environment';
import { ENTITIES } from './entities';

/** The data source of the TypeORM CLI (`npm run migration:run`, `migration:generate`). */
export default new DataSource({
  ...databaseOptions(buildAppConfig(validateEnvironment(process.env)).database),
  entities: ENTITIES,
  migrationsRun: false,
});
