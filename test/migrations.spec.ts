import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/common/database/database-options';
import { ENTITIES } from '../src/entities';

describe('migrations', () => {
  it('build exactly the schema the entities describe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scopegate-migrations-'));
    const dataSource = new DataSource({
      ...databaseOptions({ type: 'sqlite', path: join(dir, 'schema.db'), migrate: true }),
      entities: ENTITIES,
    });
    try {
      await dataSource.initialize();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
      for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
      expect(
        await dataSource.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')`,
        ),
      ).toEqual([]);
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
