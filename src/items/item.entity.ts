import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** The list's order, so that a page is read from the index instead of sorting the table. */
@Index('IDX_items_created', ['createdAt', 'id'])
@Entity('items')
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'integer' })
  priceCents: number;

  @Column({ type: 'integer' })
  stock: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  /** Deleted items keep their row: past orders refer to them. */
  @DeleteDateColumn({ nullable: true })
  deletedAt: Date | null;
}
