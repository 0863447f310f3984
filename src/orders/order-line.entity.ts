import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from '../items/item.entity';
import { OrderEntity } from './order.entity';

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_order_lines_order')
  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, (order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'orderId' })
  order?: OrderEntity;

  /** The line's place in the order as placed, so lines always come back in that order. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid' })
  itemId: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemId' })
  item?: ItemEntity;

  @Column({ type: 'integer' })
  quantity: number;

  /** Copied from the item when the order was placed. */
  @Column({ type: 'integer' })
  unitPriceCents: number;
}
