import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { KeptWhileUnchanged } from '../common/database/kept-while-unchanged';
import { mapPage, Page } from '../common/pagination/page.dto';
import { findPage } from '../common/pagination/find-page';
import { PageReads } from '../common/pagination/page-reads';
import { PageCursors } from '../common/pagination/page-cursors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ItemsService } from '../items/items.service';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderDto } from './dto/order.dto';
import { OrderLineEntity } from './order-line.entity';
import { OrderLinesReader } from './order-lines.reader';
import { OrderEntity } from './order.entity';

/** Whose orders a caller may see: one user's, or (admin) everyone's. */
export type OrderVisibility = { userId: string } | 'all';

const notFound = () => new NotFoundException('Order not found');

@Injectable()
export class OrdersService {
  private readonly pages: PageReads<OrderEntity>;
  private readonly lines: OrderLinesReader;
  /** Pages as answered, while nothing changed (SQLite): a list is read far more than written. */
  private readonly pagesKept: KeptWhileUnchanged<Page<OrderDto>>;

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: ItemsService,
    private readonly cursors: PageCursors,
  ) {
    this.pages = new PageReads(orders);
    this.lines = new OrderLinesReader(dataSource);
    this.pagesKept = new KeptWhileUnchanged(dataSource, {
      name: 'orders_page',
      max: 1_000,
      // Orders and lines held at once, at most: a full page is 100 orders of up to 50 lines.
      maxSize: 20_000,
      sizeOf: (page) => page.data.reduce((size, order) => size + 1 + order.lines.length, 0),
    });
  }

  list(visibility: OrderVisibility, page: PageQueryDto): Promise<Page<OrderDto>> {
    const { limit, offset, after, count } = page;
    const whose = visibility === 'all' ? null : visibility.userId;
    const key = JSON.stringify([whose, limit, offset, after, count]);
    return this.pagesKept.get(key, () => this.readPage(visibility, page));
  }

  /** A page of orders, then their lines in one more query. */
  private async readPage(visibility: OrderVisibility, page: PageQueryDto): Promise<Page<OrderDto>> {
    const found = await findPage(this.pages, page, {
      cursors: this.cursors,
      // A cursor names whose orders it walks: another user's cursor is refused, not followed.
      name: visibility === 'all' ? 'orders' : `orders of ${visibility.userId}`,
      where: this.visible(visibility),
    });
    const lines = await this.lines.of(found.data.map((order) => order.id));
    return mapPage(found, (order) => OrderDto.from(order, lines.get(order.id)));
  }

  async findVisible(id: string, visibility: OrderVisibility): Promise<OrderEntity> {
    const order = await this.orders.findOne({
      where: { id, ...this.visible(visibility) },
      relations: { lines: true },
    });
    if (!order) throw notFound();
    return order;
  }

  /** Copies the prices and takes the stock in one transaction: all of it, or nothing. */
  async place(userId: string, dto: CreateOrderDto): Promise<OrderEntity> {
    const id = await this.dataSource.transaction(async (manager) => {
      const prices = await this.items.takeStock(manager, dto.lines);
      const lines = dto.lines.map(({ itemId, quantity }, position) =>
        manager.create(OrderLineEntity, {
          position,
          itemId,
          quantity,
          unitPriceCents: prices.get(itemId)!,
        }),
      );
      const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
      const order = manager.create(OrderEntity, { userId, status: 'pending', totalCents, lines });
      await manager.save(order);
      return order.id;
    });
    return this.findVisible(id, 'all');
  }

  /** A pending order becomes cancelled and its stock goes back, in one transaction. */
  async cancel(id: string, visibility: OrderVisibility): Promise<OrderEntity> {
    await this.dataSource.transaction(async (manager) => {
      const changed = await this.transition(manager, id, visibility, 'cancelled');
      if (!changed) await this.refuseTransition(manager, id, visibility);
      const lines = await manager.findBy(OrderLineEntity, { orderId: id });
      await this.items.returnStock(manager, lines);
    });
    return this.findVisible(id, visibility);
  }

  async pay(id: string): Promise<OrderEntity> {
    const changed = await this.transition(this.dataSource.manager, id, 'all', 'paid');
    if (!changed) await this.refuseTransition(this.dataSource.manager, id, 'all');
    return this.findVisible(id, 'all');
  }

  /** Usable as a TypeORM condition and as a list's narrowing alike. */
  private visible(visibility: OrderVisibility): { userId?: string } {
    return visibility === 'all' ? {} : { userId: visibility.userId };
  }

  /** pending → `status` with one conditional update, so two racing requests cannot both win. */
  private async transition(
    manager: EntityManager,
    id: string,
    visibility: OrderVisibility,
    status: 'cancelled' | 'paid',
  ): Promise<boolean> {
    const result = await manager.update(
      OrderEntity,
      { id, status: 'pending', ...this.visible(visibility) },
      { status },
    );
    return !!result.affected;
  }

  private async refuseTransition(
    manager: EntityManager,
    id: string,
    visibility: OrderVisibility,
  ): Promise<never> {
    const exists = await manager.existsBy(OrderEntity, { id, ...this.visible(visibility) });
    if (!exists) throw notFound();
    throw new ConflictException('The order is not pending');
  }
}
