import { ObjectLiteral, Repository } from 'typeorm';

/**
 * `findOneBy({ id })` for the reads every request of a hot route makes, without rebuilding the
 * same SQL each time: TypeORM builds the query once (soft-delete filter and unselectable columns
 * included), and rows are hydrated by the entity's own column rules (types, transformers).
 */
export class ByIdLookup<T extends ObjectLiteral> {
  private readonly sql: string;
  private readonly columns;

  constructor(private readonly repository: Repository<T>) {
    this.columns = repository.metadata.columns.filter((column) => column.isSelect);
    const query = repository.createQueryBuilder('row').select([]);
    for (const column of this.columns)
      query.addSelect(`row.${column.propertyPath}`, column.propertyPath);
    [this.sql] = query.where('row.id = :id', { id: '' }).getQueryAndParameters();
  }

  async find(id: string): Promise<T | null> {
    const [row] = await this.repository.query<Record<string, unknown>[]>(this.sql, [id]);
    if (!row) return null;
    const { driver } = this.repository.manager.connection;
    const entity = this.repository.metadata.create() as T;
    for (const column of this.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.propertyPath], column));
    }
    return entity;
  }
}
