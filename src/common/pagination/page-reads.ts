import { ObjectLiteral, Repository } from 'typeorm';
import { EntityRows } from '../database/entity-rows';
import { PreparedRead, preparedRead } from '../database/prepared-read';
import { PagePosition } from './page-cursors';

type Named = Record<string, unknown>;

/** Narrows a list to the records whose columns equal these values (one user's orders). */
export type Equalities<T> = Partial<Record<keyof T & string, string>>;

/** A page's records, and the database's own text of each one's `createdAt` (for cursors). */
export interface PageRows<T> {
  records: T[];
  createdTexts: string[];
}

type Kind = 'count' | 'offset' | 'after';

/** A statement and, for each of its placeholders in turn, the name of the value it takes. */
interface Compiled {
  read: PreparedRead;
  names: string[];
}

/** Stands for a named value while TypeORM builds the SQL, so its placeholders can be mapped back. */
const SLOT = '\u0000slot:';

/**
 * A list's count and pages with SQL built once per shape (which columns narrow it; offset or
 * cursor), not once per request: building queries and hydrating through TypeORM cost more than
 * running them. Rows become entities by the entity's own column rules (types, transformers), and
 * TypeORM still writes the SQL (quoting, placeholders, soft-delete filter) for either database.
 */
export class PageReads<T extends ObjectLiteral> {
  private readonly compiled = new Map<string, Compiled>();
  private readonly rows: EntityRows<T>;

  constructor(private readonly repository: Repository<T>) {
    this.rows = new EntityRows(repository);
  }

  async count(where: Equalities<T>): Promise<number> {
    const [[count]] = await this.run('count', where, {});
    // PostgreSQL's COUNT is a bigint, which node-postgres gives as text.
    return Number(count);
  }

  async page(
    where: Equalities<T>,
    position: PagePosition | undefined,
    limit: number,
    offset: number,
  ): Promise<PageRows<T>> {
    const rows = position
      ? await this.run('after', where, { ...position, limit })
      : await this.run('offset', where, { limit, offset });
    const createdAt = this.rows.width;
    return {
      records: rows.map((row) => this.rows.toEntity(row)),
      createdTexts: rows.map((row) => row[createdAt] as string),
    };
  }

  private async run(kind: Kind, where: Equalities<T>, values: Named): Promise<unknown[][]> {
    const keys = Object.keys(where);
    const key = `${kind} ${keys.join(',')}`;
    let compiled = this.compiled.get(key);
    if (!compiled) this.compiled.set(key, (compiled = this.compile(kind, keys)));
    const named: Named = { ...values };
    for (const [column, value] of Object.entries(where)) named[`where_${column}`] = value;
    return compiled.read(compiled.names.map((name) => named[name]));
  }

  private compile(kind: Kind, keys: string[]): Compiled {
    const slot = (name: string) => ({ [name]: `${SLOT}${name}` });
    // Each selection with its alias: the entity's columns, then the database's text of createdAt.
    const selections: [string, string][] =
      kind === 'count'
        ? [['COUNT(*)', 'count']]
        : [...this.rows.selections('row'), ['CAST(row.createdAt AS text)', 'row_created_text']];
    const query = this.repository.createQueryBuilder('row').select([]);
    for (const [selection, alias] of selections) query.addSelect(selection, alias);
    for (const key of keys) query.andWhere(`row.${key} = :where_${key}`, slot(`where_${key}`));
    if (kind === 'after') {
      // The first condition alone is a range of the index; the second drops the ties up to the cursor.
      query.andWhere(
        'row.createdAt >= :createdAt AND (row.createdAt > :createdAt OR row.id > :id)',
        {
          ...slot('createdAt'),
          ...slot('id'),
        },
      );
    }
    if (kind !== 'count') query.orderBy('row.createdAt', 'ASC').addOrderBy('row.id', 'ASC');
    const [built, parameters] = query.getQueryAndParameters();
    const names = parameters.map((parameter) => {
      // Every value is bound by name: a parameter of TypeORM's own would be bound as undefined.
      if (typeof parameter !== 'string' || !parameter.startsWith(SLOT)) {
        throw new Error(`Unexpected parameter in a list query: ${built}`);
      }
      return parameter.slice(SLOT.length);
    });
    let sql = built;
    if (kind !== 'count') {
      // TypeORM writes LIMIT and OFFSET as numbers in the text: placeholders keep one statement.
      const placeholder = (name: string) => {
        names.push(name);
        return this.repository.manager.connection.driver.createParameter(name, names.length - 1);
      };
      sql += ` LIMIT ${placeholder('limit')}`;
      if (kind === 'offset') sql += ` OFFSET ${placeholder('offset')}`;
    }
    const columns = selections.map(([, alias]) => alias);
    return { read: preparedRead(this.repository.manager.connection, sql, columns), names };
  }
}
