import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AnnouncedCache } from '../../common/redis/announced-cache';
import { failClosed } from '../../common/redis/fail-closed';
import { nowSeconds } from '../../common/time';
import { AccessTokenDenylist } from './access-token-denylist';

export const MAX_DENYLIST_ANSWERS = 10_000;

/**
 * The denylist every instance shares: one Redis key per revoked `jti`, expiring with the token.
 * Each instance keeps its answers for the tokens in use, and every revocation is announced to every
 * instance, so a valid request costs no Redis round trip and a revoked token fails at once.
 */
export class RedisAccessTokenDenylist
  extends AccessTokenDenylist
  implements OnModuleInit, OnApplicationShutdown
{
  private readonly answers: AnnouncedCache<boolean>;

  constructor(private readonly redis: Redis) {
    super();
    this.answers = new AnnouncedCache(redis, {
      name: 'access_token_denylist',
      channel: 'access-token-revoked',
      max: MAX_DENYLIST_ANSWERS,
    });
  }

  onModuleInit(): void {
    this.answers.start();
  }

  onApplicationShutdown(): void {
    this.answers.stop();
  }

  async add(tokenId: string, expiresAt: number): Promise<void> {
    if (expiresAt <= nowSeconds()) return;
    await this.answers.announce(tokenId, (transaction) =>
      transaction.set(`denylist:${tokenId}`, '1', 'EXAT', expiresAt),
    );
  }

  has(tokenId: string): Promise<boolean> {
    return this.answers.get(
      tokenId,
      async () => (await failClosed(() => this.redis.exists(`denylist:${tokenId}`))) === 1,
    );
  }
}
