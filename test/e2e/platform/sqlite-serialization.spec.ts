import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import {
  serializeSqliteAccess,
  sqliteRead,
} from '../../../src/common/database/sqlite-serialization';
import { sqliteFile } from '../../support/sqlite-file';

/**
 * TypeORM shares one SQLite connection between all callers. A transaction that awaits real I/O
 * midway must not swallow (and roll back) statements other requests issue meanwhile.
 */
describe('SQLite access serialization', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ dataSource, drop } = await sqliteFile('CREATE TABLE "t" ("v" integer NOT NULL)'));
    serializeSqliteAccess(dataSource);
  });
  afterEach(() => drop());

  const values = async () =>
    (await dataSource.query<Array<{ v: number }>>('SELECT "v" FROM "t" ORDER BY "v"')).map(
      (r) => r.v,
    );

  /** A transaction that writes `value`, then waits for `gate` (real I/O, say) and rolls back. */
  function failingTransaction(value: number) {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const done = dataSource
      .transaction(async (manager) => {
        await manager.query('INSERT INTO "t" ("v") VALUES (?)', [value]);
        wrote();
        await gate;
        throw new Error('rolled back on purpose');
      })
      .catch(() => undefined);
    return { written, open, done };
  }

  it('keeps a plain write made while another caller’s transaction is open', async () => {
    const tx = failingTransaction(1);
    await tx.written;
    const plain = dataSource.query('INSERT INTO "t" ("v") VALUES (2)');
    await nextTurn();
    tx.open();
    await Promise.all([tx.done, plain]);
    expect(await values()).toEqual([2]);
  });

  it('keeps a transaction committed while another one is open and later rolls back', async () => {
    const tx = failingTransaction(1);
    await tx.written;
    const other = dataSource.transaction((manager) =>
      manager.query('INSERT INTO "t" ("v") VALUES (3)'),
    );
    await nextTurn();
    tx.open();
    await Promise.all([tx.done, other]);
    expect(await values()).toEqual([3]);
  });

  it('still lets a transaction use its own manager, and nest', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO "t" ("v") VALUES (4)');
      await manager.transaction((inner) => inner.query('INSERT INTO "t" ("v") VALUES (5)'));
    });
    expect(await values()).toEqual([4, 5]);
  });

  it('runs a direct read at once when no transaction is open, and never inside an open one', async () => {
    const read = sqliteRead(dataSource)!;
    const count = (connection: Parameters<Parameters<typeof read>[0]>[0]) =>
      (connection.prepare('SELECT count(*) AS n FROM "t"').get() as { n: number }).n;
    expect(read(count)).toBe(0);

    const tx = failingTransaction(1);
    await tx.written;
    const during = read(count);
    expect(during).toBeInstanceOf(Promise);
    tx.open();
    await tx.done;
    expect(await during).toBe(0);
  });

  it('offers direct reads only for a serialized SQLite data source', () => {
    expect(sqliteRead(new DataSource({ type: 'better-sqlite3', database: ':memory:' }))).toBe(
      undefined,
    );
  });
});
