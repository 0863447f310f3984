import { ObjectLiteral, Repository } from 'typeorm';
import { BatchedByIdRead } from './batched-by-id-read';
import { EntityRows } from './entity-rows';
import { PreparedRead, preparedRead } from './prepared-read';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notCanonical = (id: string) => !CANONICAL_UUID.test(id);
const never = () => false;

/**
 * `findOneBy({ id })` for the reads every request of a hot route makes, without rebuilding the
 * same SQL each time: TypeORM builds the query once (soft-delete filter and unselectable columns
 * included), and rows are hydrated by the entity's own column rules. On SQLite the statement is
 * prepared once and run on the connection directly, still behind the lock that keeps reads out of
 * other requests' open transactions; on PostgreSQL the lookups of one moment share a statement.
 */
export class ByIdLookup<T extends ObjectLiteral> {
  private readonly rows: EntityRows<T>;
  private readonly read: (id: string) => Promise<unknown[] | undefined>;

  constructor(repository: Repository<T>) {
    this.rows = new EntityRows(repository);
    const selections = this.rows.selections('row');
    const query = repository.createQueryBuilder('row').select([]);
    for (const [selection, alias] of selections) query.addSelect(selection, alias);
    const [sql] = query.where('row.id = :id', { id: '' }).getQueryAndParameters();
    const single: PreparedRead = preparedRead(
      repository.manager.connection,
      sql,
      selections.map(([, alias]) => alias),
    );
    const readOne = async (id: string) => (await single([id]))[0];
    if (repository.manager.connection.options.type === 'postgres') {
      const batched = new BatchedByIdRead(repository, selections, readOne);
      // PostgreSQL also takes a uuid in braces or without hyphens, and answers it in the canonical
      // form, which a batch could not match to the id asked: such an id is read alone.
      const alone = repository.metadata.primaryColumns[0].type === 'uuid' ? notCanonical : never;
      this.read = (id) => (alone(id) ? readOne(id) : batched.read(id));
    } else {
      this.read = readOne;
    }
  }

  async find(id: string): Promise<T | null> {
    const row = await this.read(id);
    return row ? this.rows.toEntity(row) : null;
  }
}
