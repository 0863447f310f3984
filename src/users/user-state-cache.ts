import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AnnouncedCache } from '../common/redis/announced-cache';
import { REDIS } from '../common/redis/redis.module';

export const MAX_USER_STATES = 10_000;
/**
 * Without Redis no other process can announce a change, and the CLI is another process: its
 * changes (a new password, say) reach a running server when the entry expires.
 */
export const UNANNOUNCED_CHANGE_DELAY_MS = 5_000;

/**
 * Per-instance cache of what every request checks a user's token against (role, token version,
 * enabled), so that a valid request costs no query; every change is announced to every instance.
 */
@Injectable()
export class UserStateCache<T> implements OnModuleInit, OnApplicationShutdown {
  private readonly cache: AnnouncedCache<T>;

  constructor(@Inject(REDIS) redis: Redis | null) {
    this.cache = new AnnouncedCache(redis, {
      name: 'user_state',
      channel: 'user-changed',
      max: MAX_USER_STATES,
      ttlWithoutRedisMs: UNANNOUNCED_CHANGE_DELAY_MS,
    });
  }

  onModuleInit(): void {
    this.cache.start();
  }

  onApplicationShutdown(): void {
    this.cache.stop();
  }

  get(id: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(id, load);
  }

  /** After a change is committed: forget it here, and on every other instance. */
  invalidate(id: string): Promise<void> {
    return this.cache.announce(id);
  }
}
