import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { nowSeconds } from '../../common/time';
import { AuthorizationCodeEntity } from './authorization-code.entity';

/** RFC 6749 section 4.1.2 recommends at most ten minutes; scopegate keeps them 60 seconds. */
const CODE_LIFETIME_SECONDS = 60;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: string;
  readonly tokenVersion: number;
  readonly scope: string;
  readonly codeChallenge: string;
}

/** RFC 7636 section 4.6: BASE64URL(SHA-256(verifier)) must equal the challenge. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(sha256(verifier).toString('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** Authorization codes: 256 random bits, kept only as SHA-256 hashes. */
@Injectable()
export class AuthorizationCodeService {
  constructor(
    @InjectRepository(AuthorizationCodeEntity)
    private readonly codes: Repository<AuthorizationCodeEntity>,
  ) {}

  async issue(grant: CodeGrant): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = nowSeconds();
    await this.codes.insert({
      ...grant,
      codeHash: sha256(code).toString('hex'),
      expiresAt: now + CODE_LIFETIME_SECONDS,
      usedAt: null,
      familyId: null,
      createdAt: now,
    });
    return code;
  }

  find(code: string): Promise<AuthorizationCodeEntity | null> {
    return this.codes.findOneBy({ codeHash: sha256(code).toString('hex') });
  }

  /**
   * Redeems the code inside the caller's transaction, recording the refresh-token chain issued for
   * it; false when it was already used: only one redemption wins.
   */
  async redeem(manager: EntityManager, id: string, familyId: string): Promise<boolean> {
    const result = await manager.update(
      AuthorizationCodeEntity,
      { id, usedAt: IsNull() },
      { usedAt: nowSeconds(), familyId },
    );
    return !!result.affected;
  }
}
