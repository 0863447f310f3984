import type { Statement } from 'better-sqlite3';
import { ObjectLiteral, Repository } from 'typeorm';
import { sqliteRead } from './sqlite-serialization';

type Row = Record<string, unknown>;

/**
 * `findOneBy({ id })` for the reads every request of a hot route makes, without rebuilding the
 * same SQL each time: TypeORM builds the query once (soft-delete filter and unselectable columns
 * included), and rows are hydrated by the entity's own column rules (types, transformers). On
 * SQLite the statement is prepared once and run on the connection directly, still behind the
 * lock that keeps reads out of other requests' open transactions.
 */
export class ByIdLookup<T extends ObjectLiteral> {
  private readonly sql: string;
  private readonly columns;
  private readonly row: (id: string) => Row | undefined | Promise<Row | undefined>;
  private readonly driver;

  constructor(private readonly repository: Repository<T>) {
    this.columns = repository.metadata.columns.filter((column) => column.isSelect);
    this.driver = repository.manager.connection.driver;
    const query = repository.createQueryBuilder('row').select([]);
    for (const column of this.columns) {
      query.addSelect(`row.${column.propertyPath}`, column.propertyPath);
    }
    [this.sql] = query.where('row.id = :id', { id: '' }).getQueryAndParameters();

    const read = sqliteRead(repository.manager.connection);
    if (read) {
      let statement: Statement<[string], Row> | undefined;
      this.row = (id) => read((connection) => (statement ??= connection.prepare(this.sql)).get(id));
    } else {
      this.row = async (id) => (await repository.query<Row[]>(this.sql, [id]))[0];
    }
  }

  async find(id: string): Promise<T | null> {
    const row = await this.row(id);
    if (!row) return null;
    const entity = this.repository.metadata.create() as T;
    for (const column of this.columns) {
      column.setEntityValue(
        entity,
        this.driver.prepareHydratedValue(row[column.propertyPath], column),
      );
    }
    return entity;
  }
}
