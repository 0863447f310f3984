import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination/page.dto';
import { OrderLine } from '../order-lines.reader';
import { OrderEntity, ORDER_STATUSES, OrderStatus } from '../order.entity';

/** An order as its answer needs it: the entity's own fields, and what it shows of each line. */
export type OrderWithLines = Omit<OrderEntity, 'lines' | 'user'> & { lines: OrderLine[] };

export class OrderLineDto {
  @ApiUuidProperty()
  itemId: string;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  quantity: number;

  @ApiProperty({ minimum: 0, description: 'copied from the item when the order was placed' })
  unitPriceCents: number;
}

export class OrderDto {
  @ApiUuidProperty()
  id: string;

  @ApiUuidProperty()
  userId: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status: OrderStatus;

  @ApiProperty({ type: [OrderLineDto], maxItems: 50 })
  lines: OrderLineDto[];

  @ApiProperty({ minimum: 0, description: 'in cents' })
  totalCents: number;

  @ApiTimestampProperty()
  createdAt: Date;

  @ApiTimestampProperty()
  updatedAt: Date;

  static from(order: OrderWithLines): OrderDto {
    const { id, userId, status, totalCents, createdAt, updatedAt } = order;
    const lines = [...order.lines]
      .sort((a, b) => a.position - b.position)
      .map(({ itemId, quantity, unitPriceCents }) => ({ itemId, quantity, unitPriceCents }));
    return { id, userId, status, lines, totalCents, createdAt, updatedAt };
  }
}

export const OrderPageDto = PageOf(OrderDto);
