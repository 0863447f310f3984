import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from '../common/database/bigint-number.transformer';
import { UserEntity } from '../users/user.entity';
import { OrderLineEntity } from './order-line.entity';

export const ORDER_STATUSES = ['pending', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The two list orders: one user's orders (whose prefix also serves every lookup by user) and
 * everyone's, for admins; a page is then read from an index instead of sorting the table.
 */
@Index('IDX_orders_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_orders_created', ['createdAt', 'id'])
@Entity('orders')
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  status: OrderStatus;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalCents: number;

  @OneToMany(() => OrderLineEntity, (line) => line.order, { cascade: ['insert'] })
  lines: OrderLineEntity[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
