import { ApiTimestampProperty, ApiUuidProperty } from '../../common/openapi/api-property';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination/page.dto';
import { OrderLine } from '../order-lines.reader';
import { OrderEntity, ORDER_STATUSES, OrderStatus } from '../order.entity';

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

  /**
   * Written as JSON writes a Date: a page of Dates would take JSON.stringify off its fast path
   * (any toJSON does), at three times the cost.
   */
  @ApiTimestampProperty()
  createdAt: string;

  @ApiTimestampProperty()
  updatedAt: string;

  /** `lines`: the order's own, unless read apart from it (a list's). */
  static from(order: OrderEntity, lines: readonly OrderLine[] = order.lines): OrderDto {
    const { id, userId, status, totalCents, createdAt, updatedAt } = order;
    return {
      id,
      userId,
      status,
      lines: [...lines]
        .sort((a, b) => a.position - b.position)
        .map(({ itemId, quantity, unitPriceCents }) => ({ itemId, quantity, unitPriceCents })),
      totalCents,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    };
  }
}

export const OrderPageDto = PageOf(OrderDto);
