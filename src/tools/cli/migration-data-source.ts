import { DataSource } from 'typeorm';
import { databaseOptions } from '../../common/database/database-options';
import { AppConfig } from '../../config/app.config';
import { ENTITIES } from '../../entities';

/** The configured database on its own connection, with no migration run on connecting. */
export async function withMigrationDataSource<T>(
  config: AppConfig,
  use: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    ...databaseOptions(config.database),
    entities: ENTITIES,
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
