import { DataSource } from 'typeorm';
import { PreparedRead, preparedRead } from '../common/database/prepared-read';
import { OrderLineEntity } from './order-line.entity';

/** The columns of a line, named as the entity's properties. */
const COLUMNS = ['id', 'orderId', 'position', 'itemId', 'quantity', 'unitPriceCents'] as const;

/**
 * The lines of a page of orders in one plain query, each order's in the order placed. TypeORM's
 * relation join and hydration cost several times the query itself; these columns need no
 * conversion (uuids and integers), so rows serve as they come. One SQL text per number of orders
 * (at most a page's), built once.
 */
export class OrderLinesReader {
  private readonly reads = new Map<number, PreparedRead<OrderLineEntity>>();

  constructor(private readonly dataSource: DataSource) {}

  async of(orderIds: string[]): Promise<Map<string, OrderLineEntity[]>> {
    const byOrder = new Map<string, OrderLineEntity[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    for (const line of await this.readFor(orderIds.length)(orderIds)) {
      byOrder.get(line.orderId)!.push(line);
    }
    return byOrder;
  }

  private readFor(count: number): PreparedRead<OrderLineEntity> {
    let read = this.reads.get(count);
    if (!read) {
      const query = this.dataSource.createQueryBuilder(OrderLineEntity, 'line').select([]);
      for (const column of COLUMNS) query.addSelect(`line.${column}`, column);
      const [sql] = query
        .where('line.orderId IN (:...ids)', { ids: Array.from({ length: count }, () => '') })
        .orderBy('line.orderId')
        .addOrderBy('line.position')
        .getQueryAndParameters();
      read = preparedRead(this.dataSource, sql);
      this.reads.set(count, read);
    }
    return read;
  }
}
