import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../common/database/bigint-number.transformer';

/**
 * An authorization code (RFC 6749 section 4.1): single use, short-lived, bound to its client,
 * redirect URI and PKCE challenge. Only a SHA-256 hash of the code is kept. Times are Unix seconds.
 */
@Entity('authorization_codes')
export class AuthorizationCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_authorization_codes_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'varchar', length: 128 })
  clientId: string;

  @Column({ type: 'varchar', length: 2048 })
  redirectUri: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** The user's token version at consent; a change before redemption voids the code. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  /** What the user consented to. */
  @Column({ type: 'varchar', length: 1024 })
  scope: string;

  /** BASE64URL(SHA-256(code_verifier)), RFC 7636 section 4.2. */
  @Column({ type: 'varchar', length: 128 })
  codeChallenge: string;

  /** The purge finds what has expired through this index. */
  @Index('IDX_authorization_codes_expires')
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  expiresAt: number;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  usedAt: number | null;

  /** The refresh-token chain issued for this code: a replayed code revokes it. */
  @Column({ type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  createdAt: number;
}
