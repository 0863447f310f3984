import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../common/database/bigint-number.transformer';

/**
 * A revoked access token, by `jti`, kept until its `exp` (then it fails on expiry anyway): the
 * denylist of a single instance without Redis, in the database so that it outlives a restart.
 */
@Entity('revoked_access_tokens')
export class RevokedAccessTokenEntity {
  /** The token's `jti`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** The token's `exp`, Unix seconds; indexed for the purge. */
  @Index('IDX_revoked_access_tokens_expires')
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  expiresAt: number;
}
