import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A registered OAuth client. Its secret is kept only as a SHA-256 hash: it is 256 random bits.
 * Public clients have none.
 */
@Entity('clients')
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Space-separated, as in OAuth's `scope` parameter. */
  @Column({ type: 'varchar', length: 1024 })
  scope: string;

  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  secretHash: string | null;

  /** Public clients (browser apps, SPAs) have no secret and must use PKCE. */
  @Column({ type: 'boolean', default: false })
  isPublic: boolean;

  /** Where authorization codes may be sent: exact matches only. */
  @Column({ type: 'simple-json', default: '[]' })
  redirectUris: string[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
