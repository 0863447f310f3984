import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../../src/common/database/database-options';
import { DatabaseConfig, loadAppConfig } from '../../../src/config/app.config';
import { ENTITIES } from '../../../src/entities';
import { dropServices, servicesEnvironment, SERVICES } from '../../support/services';

interface Target {
  name: string;
  config(dir: string): Promise<DatabaseConfig>;
  tables: string;
}

const targets: Target[] = [
  {
    name: 'SQLite',
    config: async (dir) =>
      loadAppConfig({ DATABASE_URL: `sqlite:${join(dir, 'schema.db')}`, DB_MIGRATE: 'true' })
        .database,
    tables: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')`,
  },
  ...(SERVICES.postgresUrl
    ? [
        {
          name: 'PostgreSQL',
          config: async (dir: string) =>
            loadAppConfig({ ...(await servicesEnvironment(dir)), DB_MIGRATE: 'true' }).database,
          tables: `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename != 'migrations'`,
        },
      ]
    : []),
];

describe('migrations', () => {
  it.each(targets)(
    'build exactly the schema the entities describe on $name, and undo',
    async (target) => {
      const dir = mkdtempSync(join(tmpdir(), 'scopegate-migrations-'));
      const dataSource = new DataSource({
        ...databaseOptions(await target.config(dir)),
        entities: ENTITIES,
      });
      try {
        await dataSource.initialize();
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((query) => query.query)).toEqual([]);
        for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
        expect(await dataSource.query(target.tables)).toEqual([]);
      } finally {
        await dataSource.destroy();
        await dropServices(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
