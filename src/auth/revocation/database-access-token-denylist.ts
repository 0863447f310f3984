import { Repository } from 'typeorm';
import { ByIdLookup } from '../../common/database/by-id-lookup';
import { nowSeconds } from '../../common/time';
import { AccessTokenDenylist } from './access-token-denylist';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity';

/** The column's width; a `jti` this server signed is a UUID. */
const MAX_TOKEN_ID_LENGTH = 64;

/**
 * The denylist of a single instance without Redis, in its database: a revocation outlives a
 * restart. Every request asks it, so the lookup is a prepared primary-key read. Rows of expired
 * tokens go with the token purge, in bounded batches (an unbounded delete of a backlog would hold
 * SQLite, and every request with it, for seconds).
 */
export class DatabaseAccessTokenDenylist extends AccessTokenDenylist {
  private readonly byId: ByIdLookup<RevokedAccessTokenEntity>;

  constructor(private readonly revoked: Repository<RevokedAccessTokenEntity>) {
    super();
    this.byId = new ByIdLookup(revoked);
  }

  async add(tokenId: string, expiresAt: number): Promise<void> {
    if (expiresAt <= nowSeconds() || tokenId.length > MAX_TOKEN_ID_LENGTH) return;
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
}
