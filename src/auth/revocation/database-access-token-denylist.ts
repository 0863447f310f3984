import { LessThanOrEqual, Repository } from 'typeorm';
import { ByIdLookup } from '../../common/database/by-id-lookup';
import { nowSeconds } from '../../common/time';
import { AccessTokenDenylist } from './access-token-denylist';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity';

const SWEEP_INTERVAL_SECONDS = 60;
/** The column's width; a `jti` this server signed is a UUID. */
const MAX_TOKEN_ID_LENGTH = 64;

/**
 * The denylist of a single instance without Redis, in its database: a revocation outlives a
 * restart. Every request asks it, so the lookup is a prepared primary-key read.
 */
export class DatabaseAccessTokenDenylist extends AccessTokenDenylist {
  private readonly byId: ByIdLookup<RevokedAccessTokenEntity>;
  private nextSweepAt = 0;

  constructor(private readonly revoked: Repository<RevokedAccessTokenEntity>) {
    super();
    this.byId = new ByIdLookup(revoked);
  }

  async add(tokenId: string, expiresAt: number): Promise<void> {
    const now = nowSeconds();
    if (expiresAt <= now || tokenId.length > MAX_TOKEN_ID_LENGTH) return;
    await this.sweep(now);
    await this.revoked
      .createQueryBuilder()
      .insert()
      .values({ id: tokenId, expiresAt })
      .orIgnore()
      .execute();
  }

  async has(tokenId: string): Promise<boolean> {
    return tokenId.length <= MAX_TOKEN_ID_LENGTH && (await this.byId.find(tokenId)) !== null;
  }

  /** Entries whose token has expired are dropped now and then. */
  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_SECONDS;
    await this.revoked.delete({ expiresAt: LessThanOrEqual(now) });
  }
}
