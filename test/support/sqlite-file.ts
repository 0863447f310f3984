import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** A TypeORM data source on an SQLite file of its own, with `table` created; `drop` removes both. */
export async function sqliteFile(
  table: string,
): Promise<{ dataSource: DataSource; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'scopegate-sqlite-'));
  const dataSource = await new DataSource({
    type: 'better-sqlite3',
    database: join(dir, 'test.db'),
  }).initialize();
  await dataSource.query(table);
  return {
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
