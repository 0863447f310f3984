import Redis from 'ioredis';
import { failClosed } from '../../common/redis/fail-closed';
import { nowSeconds } from '../../common/time';
import { AccessTokenDenylist } from './access-token-denylist';

/** The denylist every instance shares: one Redis key per revoked `jti`, expiring with the token. */
export class RedisAccessTokenDenylist extends AccessTokenDenylist {
  constructor(private readonly redis: Redis) {
    super();
  }

  async add(tokenId: string, expiresAt: number): Promise<void> {
    if (expiresAt <= nowSeconds()) return;
    await failClosed(() => this.redis.set(`denylist:${tokenId}`, '1', 'EXAT', expiresAt));
  }

  async has(tokenId: string): Promise<boolean> {
    return (await failClosed(() => this.redis.exists(`denylist:${tokenId}`))) === 1;
  }
}
