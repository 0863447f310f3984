import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { AppConfig, appConfig } from '../../config/app.config';
import { RefreshTokenEntity } from './refresh-token.entity';
import { nowSeconds } from '../../common/time';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface RefreshGrant {
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly tokenVersion: number;
  /** The chain the token belongs to. */
  readonly familyId: string;
}

export interface IssuedWith {
  readonly accessTokenId: string;
  readonly accessTokenExpiresAt: number;
}

/** Storage of refresh tokens: opaque, 256 random bits, kept only as SHA-256 hashes. */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async issue(
    grant: RefreshGrant,
    access: IssuedWith,
    manager: EntityManager = this.tokens.manager,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = nowSeconds();
    await manager.insert(RefreshTokenEntity, {
      tokenHash: hashToken(token),
      familyId: grant.familyId,
      userId: grant.userId,
      clientId: grant.clientId,
      scope: grant.scope,
      tokenVersion: grant.tokenVersion,
      ...access,
      expiresAt: now + this.config.jwt.refreshTokenTtl,
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return token;
  }

  find(token: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash: hashToken(token) });
  }

  /** Marks a token rotated; false when it already was (or was revoked): only one caller wins. */
  async markUsed(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager.update(
      RefreshTokenEntity,
      { id, usedAt: IsNull(), revokedAt: IsNull() },
      { usedAt: nowSeconds() },
    );
    return !!result.affected;
  }

  /**
   * Ends a whole chain; returns the access tokens issued from it that have not expired yet, for
   * the caller to deny. Repeated until a pass ends nothing: a rotation in flight holds the row it
   * rotates, so a pass waits for it, but on PostgreSQL does not see the token it then commits. No
   * rotation can be in flight once no row is left to end.
   */
  async revokeFamily(familyId: string): Promise<IssuedWith[]> {
    const now = nowSeconds();
    let ended: number | undefined;
    do {
      ({ affected: ended } = await this.tokens.update(
        { familyId, revokedAt: IsNull() },
        { revokedAt: now },
      ));
    } while (ended);
    return this.tokens.find({
      where: { familyId, accessTokenExpiresAt: MoreThan(now) },
      select: { accessTokenId: true, accessTokenExpiresAt: true },
    });
  }
}
