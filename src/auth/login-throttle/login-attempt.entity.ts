import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../common/database/bigint-number.transformer';

/**
 * Password attempts for one username and address in the current window, kept in the database when
 * there is no Redis, so that a lockout outlives a restart. The pair is kept only as a hash.
 */
@Entity('login_attempts')
export class LoginAttemptEntity {
  /** SHA-256 (base64url) of the lower-cased username and the address. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pairHash: string;

  @Column({ type: 'integer' })
  attempts: number;

  /** Unix milliseconds; indexed for the purge. */
  @Index('IDX_login_attempts_window_ends')
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  windowEndsAt: number;
}
