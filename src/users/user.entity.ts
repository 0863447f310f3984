import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../common/authz/scope-table';

/**
 * The one form of a username that lookups, the unique index and the login limit all use, so that
 * the limit counts exactly the account a password is checked against.
 */
export const usernameKey = (username: string) => username.toLowerCase();

/** The list's order, so that a page is read from the index instead of sorting the table. */
@Index('IDX_users_created', ['createdAt', 'id'])
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As the user typed it; `usernameKey` is its lower-case form, unique, for case-blind lookups. */
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Index('UQ_users_username_key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  usernameKey: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fullName: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Bumped on disable, delete and role change; access tokens carry it and must match. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  /** Deleted accounts keep their row (orders refer to it) and their username stays taken. */
  @DeleteDateColumn({ nullable: true })
  deletedAt: Date | null;
}
