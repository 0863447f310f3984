import { DataSource } from 'typeorm';
import { KeptWhileUnchanged } from '../../../src/common/database/kept-while-unchanged';
import { serializeSqliteAccess } from '../../../src/common/database/sqlite-serialization';
import { sqliteFile } from '../../support/sqlite-file';

/**
 * Promise: an answer kept while the SQLite database is unchanged is never served after a change,
 * whoever made it: this connection (committed or rolled back), another connection, or a change
 * that landed while the answer was being computed. And the answers kept are bounded.
 */
describe('answers kept while the database is unchanged', () => {
  let dataSource: DataSource;
  let other: DataSource;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ dataSource, drop } = await sqliteFile('CREATE TABLE "t" ("v" integer NOT NULL)'));
    serializeSqliteAccess(dataSource);
    other = await new DataSource(dataSource.options).initialize();
  });
  afterEach(async () => {
    await other.destroy();
    await drop();
  });

  /** A kept sum of the table, and how many times it was computed. */
  function keptSum(options: { max?: number; maxSize?: number } = {}) {
    const kept = new KeptWhileUnchanged<{ sum: number }>(dataSource, {
      name: 'test',
      max: options.max ?? 10,
      maxSize: options.maxSize ?? 100,
      sizeOf: () => 1,
    });
    let computed = 0;
    const sum = (key = 'sum', during?: () => Promise<unknown>) =>
      kept.get(key, async () => {
        computed++;
        const [{ total }] = await dataSource.query<{ total: number }[]>(
          'SELECT COALESCE(SUM("v"), 0) AS "total" FROM "t"',
        );
        await during?.();
        return { sum: total };
      });
    return { sum, computed: () => computed };
  }

  it('computes once while nothing changes', async () => {
    const { sum, computed } = keptSum();
    expect(await sum()).toEqual({ sum: 0 });
    expect(await sum()).toEqual({ sum: 0 });
    expect(computed()).toBe(1);
  });

  it('hands out an answer no request can change for the others', async () => {
    const { sum } = keptSum();
    const answer = await sum();
    expect(() => Object.assign(answer, { sum: 1 })).toThrow(TypeError);
    expect(await sum()).toEqual({ sum: 0 });
  });

  it('computes again after a write on its own connection', async () => {
    const { sum } = keptSum();
    await sum();
    await dataSource.query('INSERT INTO "t" ("v") VALUES (5)');
    expect(await sum()).toEqual({ sum: 5 });
  });

  it('computes again after a commit on another connection', async () => {
    const { sum } = keptSum();
    await sum();
    await other.query('INSERT INTO "t" ("v") VALUES (7)');
    expect(await sum()).toEqual({ sum: 7 });
  });

  it('does not keep an answer under the state it was computed from when a write lands meanwhile', async () => {
    const { sum } = keptSum();
    expect(await sum('sum', () => other.query('INSERT INTO "t" ("v") VALUES (3)'))).toEqual({
      sum: 0,
    });
    expect(await sum()).toEqual({ sum: 3 });
  });

  it('computes again after a transaction that rolled back (it may have changed anything)', async () => {
    const { sum, computed } = keptSum();
    await sum();
    await dataSource
      .transaction(async (manager) => {
        await manager.query('INSERT INTO "t" ("v") VALUES (9)');
        throw new Error('rolled back on purpose');
      })
      .catch(() => undefined);
    expect(await sum()).toEqual({ sum: 0 });
    expect(computed()).toBe(2);
  });

  it('answers a burst while writes land in it: nothing older than the last write before it', async () => {
    const { sum } = keptSum();
    for (let value = 1; value <= 10; value++) {
      const before = sum();
      await dataSource.query('INSERT INTO "t" ("v") VALUES (?)', [value]);
      const expected = (value * (value + 1)) / 2;
      const answers = await Promise.all(Array.from({ length: 20 }, () => sum()));
      await before;
      expect(answers.map((answer) => answer.sum)).toEqual(answers.map(() => expected));
    }
  });

  it('keeps at most `max` answers, and at most `maxSize` in all', async () => {
    const byCount = keptSum({ max: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await byCount.sum(key);
    await byCount.sum('a');
    expect(byCount.computed()).toBe(5);

    const bySize = keptSum({ maxSize: 2 });
    for (const key of ['a', 'b', 'c']) await bySize.sum(key);
    await bySize.sum('a');
    expect(bySize.computed()).toBe(4);
  });
});
