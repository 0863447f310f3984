import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../common/database/bigint-number.transformer';

/**
 * One refresh token of a chain (`familyId`): every rotation adds a row and marks the previous one
 * used. Only a SHA-256 hash of the token is kept. Times are Unix seconds.
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_refresh_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('IDX_refresh_tokens_family')
  @Column({ type: 'uuid' })
  familyId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 128 })
  clientId: string;

  /** The scope of the original grant: refreshing may narrow the access token, never this. */
  @Column({ type: 'varchar', length: 1024 })
  scope: string;

  /** The user's token version at the grant; a change ends the chain. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  /** The access token issued with this refresh token, to revoke it with the chain. */
  @Column({ type: 'varchar', length: 64 })
  accessTokenId: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  accessTokenExpiresAt: number;

  /** The purge finds what has expired through this index. */
  @Index('IDX_refresh_tokens_expires')
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  expiresAt: number;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  usedAt: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  revokedAt: number | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  createdAt: number;
}
