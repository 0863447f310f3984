import { ObjectLiteral, QueryFailedError, Repository } from 'typeorm';

/** Ids read in one statement at most; more go in further statements, sent at the same time. */
const MAX_BATCH = 100;

/** SQLSTATE class 22, data exception: a value the column's type refuses (a malformed uuid). */
const isDataException = (error: unknown) =>
  error instanceof QueryFailedError &&
  /^22/.test(String((error.driverError as { code?: unknown }).code));

interface Waiter {
  resolve(row: unknown[] | undefined): void;
  reject(error: unknown): void;
}

/**
 * Reads by primary key on PostgreSQL, the lookups of one turn of the event loop in one statement
 * (`id = ANY($1)`). Under load most of a lookup's cost is its round trip (a query on the wire, a
 * server process woken, a reply parsed), not the row: fifty requests in flight send a few
 * statements instead of fifty. Each lookup still starts after its request came in, so it sees
 * every change committed before. A batch refused for a value (a malformed id) is read again one id
 * at a time, so that one bad id fails only its own request; any other failure fails the batch.
 */
export class BatchedByIdRead {
  private readonly sql: string;
  private readonly keyOf: (id: string) => string;
  private readonly primaryAlias: string;
  private readonly aliases: string[];
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(
    private readonly repository: Repository<ObjectLiteral>,
    selections: readonly [string, string][],
    private readonly single: (id: string) => Promise<unknown[] | undefined>,
  ) {
    const [primary] = repository.metadata.primaryColumns;
    this.primaryAlias = selections.find(
      ([selection]) => selection === `row.${primary.propertyPath}`,
    )![1];
    this.aliases = selections.map(([, alias]) => alias);
    // PostgreSQL answers a uuid in lower case whatever case it was asked in.
    this.keyOf = primary.type === 'uuid' ? (id) => id.toLowerCase() : (id) => id;
    const query = repository.createQueryBuilder('row').select([]);
    for (const [selection, alias] of selections) query.addSelect(selection, alias);
    [this.sql] = query
      .where(`row.${primary.propertyPath} = ANY(:ids)`, { ids: [] })
      .getQueryAndParameters();
  }

  read(id: string): Promise<unknown[] | undefined> {
    return new Promise((resolve, reject) => {
      const key = this.keyOf(id);
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += MAX_BATCH) {
      void this.readBatch(keys.slice(start, start + MAX_BATCH), batch);
    }
  }

  private async readBatch(keys: string[], waiters: Map<string, Waiter[]>): Promise<void> {
    let rows: Map<string, unknown[]>;
    try {
      rows = await this.readRows(keys);
    } catch (error) {
      // A database that is down fails every id alike, at once: only bad data is worth a retry.
      if (keys.length > 1 && isDataException(error)) {
        for (const key of keys) this.readAlone(key, waiters.get(key)!);
      } else {
        for (const key of keys) for (const waiter of waiters.get(key)!) waiter.reject(error);
      }
      return;
    }
    for (const key of keys) for (const waiter of waiters.get(key)!) waiter.resolve(rows.get(key));
  }

  private async readRows(keys: string[]): Promise<Map<string, unknown[]>> {
    const found = await this.repository.manager.query<Record<string, unknown>[]>(this.sql, [keys]);
    return new Map(
      found.map((row) => [
        this.keyOf(String(row[this.primaryAlias])),
        this.aliases.map((alias) => row[alias]),
      ]),
    );
  }

  private readAlone(key: string, waiters: Waiter[]): void {
    this.single(key).then(
      (row) => waiters.forEach((waiter) => waiter.resolve(row)),
      (error) => waiters.forEach((waiter) => waiter.reject(error)),
    );
  }
}
