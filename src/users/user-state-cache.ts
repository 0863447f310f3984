import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { recordCacheLookup } from '../common/metrics/metrics';
import { failClosed } from '../common/redis/fail-closed';
import { REDIS } from '../common/redis/redis.module';

export const MAX_USER_STATES = 10_000;
/**
 * Without Redis no other process can announce a change, and the CLI is another process: its
 * changes (a new password, say) reach a running server when the entry expires.
 */
export const UNANNOUNCED_CHANGE_DELAY_MS = 5_000;
const CHANNEL = 'user-changed';

/**
 * Per-instance cache of what every request checks a user's token against (role, token version,
 * enabled), so that a valid request costs no query. A change evicts the entry here and, through
 * Redis pub/sub, on every instance; while that channel is down the cache is not used at all, and
 * it is emptied when the channel comes back, so no instance ever serves a stale state.
 */
@Injectable()
export class UserStateCache<T> implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UserStateCache.name);
  /** Boxed: a user that does not exist (null) is an answer worth keeping too. */
  private readonly entries: LRUCache<string, { value: T }>;
  /** Bumped by every eviction: a load that raced with one is not kept. */
  private generation = 0;
  private subscriber?: Redis;
  private listening: boolean;

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {
    this.listening = redis === null;
    this.entries = new LRUCache({
      max: MAX_USER_STATES,
      ttl: redis ? undefined : UNANNOUNCED_CHANGE_DELAY_MS,
    });
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, id: string) => this.evict(id));
    subscriber.on('close', () => (this.listening = false));
    subscriber.on('error', () => (this.listening = false));
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.clear();
          this.listening = true;
        },
        (error: Error) => this.logger.warn(`Cannot subscribe to ${CHANNEL}: ${error.message}`),
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }

  async get(id: string, load: () => Promise<T>): Promise<T> {
    if (!this.listening) return load();
    const kept = this.entries.get(id);
    recordCacheLookup('user_state', kept !== undefined);
    if (kept) return kept.value;
    const generation = this.generation;
    const value = await load();
    if (this.listening && generation === this.generation) this.entries.set(id, { value });
    return value;
  }

  /** After a change is committed: forget it here, and tell every other instance. */
  async invalidate(id: string): Promise<void> {
    this.evict(id);
    if (this.redis) await failClosed(() => this.redis!.publish(this.channel, id));
  }

  private get channel(): string {
    // Published through the main client, whose key prefix does not apply to channel names.
    return `${this.redis?.options.keyPrefix ?? ''}${CHANNEL}`;
  }

  private evict(id: string): void {
    this.entries.delete(id);
    this.generation++;
  }

  private clear(): void {
    this.entries.clear();
    this.generation++;
  }
}
