import { DataSource } from 'typeorm';
import { bindSqliteIntegers } from '../../../src/common/database/sqlite-bound-integers';
import { sqliteFile } from '../../support/sqlite-file';

/**
 * TypeORM writes number parameters into SQLite statements' text, so a statement holding a
 * timestamp is new SQL each time (prepared again, and evicting hot statements from the cache).
 */
describe('SQLite integer parameters', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ dataSource, drop } = await sqliteFile(
      'CREATE TABLE "t" ("name" varchar NOT NULL, "v" bigint)',
    ));
    bindSqliteIntegers(dataSource);
  });
  afterEach(() => drop());

  const insert = (name: string, v: number) =>
    dataSource.createQueryBuilder().insert().into('t', ['name', 'v']).values({ name, v });

  it('keeps one statement text whatever the integers, and binds them', () => {
    const values = [0, -5, 1796296179, Number.MAX_SAFE_INTEGER];
    const built = values.map((v) => insert('x', v).getQueryAndParameters());
    expect(new Set(built.map(([sql]) => sql)).size).toBe(1);
    expect(built[0][0]).not.toContain('1796296179');
    expect(built.map(([, parameters]) => parameters[1])).toEqual(values.map((v) => BigInt(v)));
  });

  it('stores, compares and reads integers as the literal did; fractions as before', async () => {
    await insert('expiry', 1796296179).execute();
    await insert('largest', Number.MAX_SAFE_INTEGER).execute();
    await insert('negative', -5).execute();
    await insert('fraction', 1.5).execute();
    const rows = await dataSource
      .createQueryBuilder()
      .select(['t.name AS name', 't.v AS v', 'typeof(t.v) AS kind'])
      .from('t', 't')
      .where('t.v > :floor', { floor: 1 })
      .orderBy('t.v')
      .getRawMany<{ name: string; v: number; kind: string }>();
    expect(rows).toEqual([
      { name: 'fraction', v: 1.5, kind: 'real' },
      { name: 'expiry', v: 1796296179, kind: 'integer' },
      { name: 'largest', v: Number.MAX_SAFE_INTEGER, kind: 'integer' },
    ]);
    const [, parameters] = insert('fraction', 1.5).getQueryAndParameters();
    expect(parameters).toEqual(['fraction']);
  });

  it('leaves list parameters to TypeORM', async () => {
    await insert('a', 1).execute();
    await insert('b', 2).execute();
    const names = await dataSource
      .createQueryBuilder()
      .select('t.name', 'name')
      .from('t', 't')
      .where('t.v IN (:...values)', { values: [2, 3] })
      .getRawMany<{ name: string }>();
    expect(names).toEqual([{ name: 'b' }]);
  });
});
