import { ObjectLiteral, Repository } from 'typeorm';

/**
 * An entity's selectable columns as a select list (each under its property path), and a row read
 * with that list (its values in the same order) back into an entity by the entity's own column
 * rules (types, transformers): what TypeORM's hydration does, without building a query each time.
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns;

  constructor(private readonly repository: Repository<T>) {
    this.columns = repository.metadata.columns.filter((column) => column.isSelect);
  }

  /** Each selection with its alias, in the order `toEntity` reads them. */
  selections(alias: string): [string, string][] {
    return this.columns.map((column) => [`${alias}.${column.propertyPath}`, column.propertyPath]);
  }

  /** The entity of a row's first values (any further values are the caller's). */
  toEntity(row: readonly unknown[]): T {
    const { driver } = this.repository.manager.connection;
    const entity = this.repository.metadata.create() as T;
    this.columns.forEach((column, i) =>
      column.setEntityValue(entity, driver.prepareHydratedValue(row[i], column)),
    );
    return entity;
  }

  /** How many values `toEntity` reads. */
  get width(): number {
    return this.columns.length;
  }
}
