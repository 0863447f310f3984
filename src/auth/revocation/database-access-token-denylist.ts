import { Repository } from 'typeorm';
import { ByIdLookup } from '../../common/database/by-id-lookup';
import { AnnouncedCache } from '../../common/redis/announced-cache';
import { nowSeconds } from '../../common/time';
import { AccessTokenDenylist } from './access-token-denylist';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity';

/** The column's width; a `jti` this server signed is a UUID. */
const MAX_TOKEN_ID_LENGTH = 64;
export const MAX_DATABASE_DENYLIST_ANSWERS = 10_000;
/**
 * Every revocation is made by this process, which drops its answer. The bound is for the one case
 * it cannot hear: a second instance on the same database without Redis, which is not a supported
 * set-up (see the README), and whose user-state cache has the same delay.
 */
export const UNHEARD_REVOCATION_DELAY_MS = 5_000;

/**
 * The denylist of a single instance without Redis, in its database: a revocation outlives a
 * restart. Every request asks it, so the lookup is a prepared primary-key read whose answer is
 * kept, and dropped by the revocation that changes it (stored first: a read that raced with it is
 * not kept). Rows of expired tokens go with the token purge, in bounded batches (an unbounded
 * delete of a backlog would hold SQLite, and every request with it, for seconds).
 */
export class DatabaseAccessTokenDenylist extends AccessTokenDenylist {
  private readonly byId: ByIdLookup<RevokedAccessTokenEntity>;
  private readonly answers = new AnnouncedCache<boolean>(null, {
    name: 'access_token_denylist',
    channel: 'access-token-revoked',
    max: MAX_DATABASE_DENYLIST_ANSWERS,
    ttlWithoutRedisMs: UNHEARD_REVOCATION_DELAY_MS,
  });

  constructor(private readonly revoked: Repository<RevokedAccessTokenEntity>) {
    super();
    this.byId = new ByIdLookup(revoked);
  }

  async add(tokenId: string, expiresAt: number): Promise<void> {
    if (expiresAt <= nowSeconds() || tokenId.length > MAX_TOKEN_ID_LENGTH) return;
    try {
      await this.revoked
        .createQueryBuilder()
        .insert()
        .values({ id: tokenId, expiresAt })
        .orIgnore()
        .execute();
    } finally {
      // Even after an error: the row may be stored although its answer was lost.
      await this.answers.announce(tokenId);
    }
  }

  async has(tokenId: string): Promise<boolean> {
    if (tokenId.length > MAX_TOKEN_ID_LENGTH) return false;
    return this.answers.get(tokenId, async () => (await this.byId.find(tokenId)) !== null);
  }
}
