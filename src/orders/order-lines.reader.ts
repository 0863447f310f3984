import { DataSource } from 'typeorm';
import { PreparedRead, preparedRead } from '../common/database/prepared-read';
import { OrderLineEntity } from './order-line.entity';

/** What an order's answer shows of a line, and its place for ordering. */
export type OrderLine = Pick<
  OrderLineEntity,
  'position' | 'itemId' | 'quantity' | 'unitPriceCents'
>;

const COLUMNS = ['orderId', 'position', 'itemId', 'quantity', 'unitPriceCents'] as const;

/**
 * The lines of a page of orders in one plain query. TypeORM's relation join and hydration cost
 * several times the query itself; these columns need no conversion (uuids and integers), so values
 * serve as they come. Unsorted: the answer sorts each order's few lines by position (SQLite would
 * sort the whole set in a temporary B-tree). One SQL text per number of orders (at most a page's),
 * built once.
 */
export class OrderLinesReader {
  private readonly reads = new Map<number, PreparedRead>();

  constructor(private readonly dataSource: DataSource) {}

  async of(orderIds: string[]): Promise<Map<string, OrderLine[]>> {
    const byOrder = new Map<string, OrderLine[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await this.readFor(orderIds.length)(orderIds);
    for (const [orderId, position, itemId, quantity, unitPriceCents] of rows as [
      string,
      number,
      string,
      number,
      number,
    ][]) {
      byOrder.get(orderId)!.push({ position, itemId, quantity, unitPriceCents });
    }
    return byOrder;
  }

  private readFor(count: number): PreparedRead {
    let read = this.reads.get(count);
    if (!read) {
      const query = this.dataSource.createQueryBuilder(OrderLineEntity, 'line').select([]);
      for (const column of COLUMNS) query.addSelect(`line.${column}`, column);
      const [sql] = query
        .where('line.orderId IN (:...ids)', { ids: Array.from({ length: count }, () => '') })
        .getQueryAndParameters();
      read = preparedRead(this.dataSource, sql, COLUMNS);
      this.reads.set(count, read);
    }
    return read;
  }
}
