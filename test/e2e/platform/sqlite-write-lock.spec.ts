import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { serializeSqliteAccess } from '../../../src/common/database/sqlite-serialization';

/**
 * Another connection to the same file (the token purge's thread, the CLI) holding SQLite's write
 * lock: the server's writes wait for it without holding the event loop or the server's reads,
 * and its read-then-write transactions are never refused midway.
 */
describe('SQLite writes beside another connection', () => {
  let dir: string;
  let dataSource: DataSource;
  let other: Database.Database;

  async function open(timeout: number): Promise<void> {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'test.db'),
      enableWAL: true,
      timeout,
    }).initialize();
    await dataSource.query('CREATE TABLE "t" ("v" integer NOT NULL)');
    serializeSqliteAccess(dataSource);
    other = new Database(join(dir, 'test.db'), { timeout: 0 });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scopegate-write-lock-'));
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const values = async () =>
    (await dataSource.query<Array<{ v: number }>>('SELECT "v" FROM "t" ORDER BY "v"')).map(
      (r) => r.v,
    );
  /** Whether `promise` has settled by the time the event loop has turned a few times. */
  async function settled(promise: Promise<unknown>): Promise<boolean> {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    return done;
  }

  it('waits for the lock between turns of the event loop, and reads go on meanwhile', async () => {
    await open(5000);
    other.exec('BEGIN IMMEDIATE');
    other.exec('INSERT INTO "t" ("v") VALUES (10)');

    const inTransaction = dataSource.transaction((manager) =>
      manager.query('INSERT INTO "t" ("v") VALUES (1)'),
    );
    const plain = dataSource.query('INSERT INTO "t" ("v") VALUES (2)');

    // SQLite's busy wait would hold this thread, and with it `other`, until the timeout.
    expect(await settled(Promise.all([inTransaction, plain]))).toBe(false);
    expect(await values()).toEqual([]);

    other.exec('COMMIT');
    await Promise.all([inTransaction, plain]);
    expect(await values()).toEqual([1, 2, 10]);
  });

  it('gives up after the data source’s timeout, and the connection serves on', async () => {
    await open(150);
    other.exec('BEGIN IMMEDIATE');

    await expect(
      dataSource.transaction((manager) => manager.query('INSERT INTO "t" ("v") VALUES (1)')),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await expect(dataSource.query('INSERT INTO "t" ("v") VALUES (2)')).rejects.toMatchObject({
      driverError: { code: 'SQLITE_BUSY' },
    });

    other.exec('COMMIT');
    await dataSource.transaction((manager) => manager.query('INSERT INTO "t" ("v") VALUES (3)'));
    expect(await values()).toEqual([3]);
  });

  it('takes the write lock before a transaction reads, so no commit can outdate what it read', async () => {
    await open(5000);
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT count(*) FROM "t"');
      // A deferred transaction would let this commit, then fail its own write (BUSY_SNAPSHOT).
      expect(() => other.exec('INSERT INTO "t" ("v") VALUES (10)')).toThrow(
        expect.objectContaining({ code: 'SQLITE_BUSY' }),
      );
      await manager.query('INSERT INTO "t" ("v") VALUES (1)');
    });
    other.exec('INSERT INTO "t" ("v") VALUES (10)');
    expect(await values()).toEqual([1, 10]);
  });

  it('ends nothing when its BEGIN gave up: another caller’s transaction stays whole', async () => {
    await open(50);
    other.exec('BEGIN IMMEDIATE');
    const gaveUp = dataSource.createQueryRunner();
    await expect(gaveUp.startTransaction()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('COMMIT');

    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => (proceed = resolve));
    const whole = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO "t" ("v") VALUES (1)');
      wrote();
      await gate;
      await manager.query('INSERT INTO "t" ("v") VALUES (2)');
    });
    await written;
    // What EntityManager.transaction does after a failed start: it must not reach `whole`.
    await expect(gaveUp.rollbackTransaction()).rejects.toThrow('Transaction is not started');
    proceed();
    await whole;
    expect(await values()).toEqual([1, 2]);
  });

  it('serves on after SQLite ended a transaction by itself (a full disk)', async () => {
    await open(5000);
    const [{ page_count: pages }] =
      await dataSource.query<Array<{ page_count: number }>>('PRAGMA page_count');
    // No page to spare stands in for a full disk: SQLite rolls the transaction back itself.
    await dataSource.query(`PRAGMA max_page_count = ${pages}`);
    await expect(
      dataSource.transaction(async (manager) => {
        // A value of overflow pages: SQLite's undo of it ends the whole transaction.
        await manager.query('INSERT INTO "t" ("v") VALUES (zeroblob(100000))');
      }),
    ).rejects.toMatchObject({ driverError: { code: 'SQLITE_FULL' } });

    await dataSource.query(`PRAGMA max_page_count = ${pages * 1000}`);
    await dataSource.transaction((manager) => manager.query('INSERT INTO "t" ("v") VALUES (7)'));
    expect((await values()).at(-1)).toBe(7);
  });
});
