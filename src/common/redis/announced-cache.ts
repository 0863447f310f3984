import { Logger } from '@nestjs/common';
import Redis, { ChainableCommander } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { recordCacheLookup } from '../metrics/metrics';
import { failClosed } from './fail-closed';
import { replaceWhenSilent } from './silent-connection';

/**
 * With Redis, answers also expire: a bound on the life of one whose change was stored but not
 * announced (the connection lost between the two).
 */
export const MAX_ANNOUNCED_ANSWER_AGE_MS = 30_000;

export interface AnnouncedCacheOptions {
  /** Its name in the cache-lookup metric. */
  name: string;
  /** The Redis channel on which a changed key is announced, under the deployment's key prefix. */
  channel: string;
  max: number;
  /**
   * Without Redis no other process can announce a change: entries then expire after this long
   * (the CLI is another process). Required where Redis may be absent.
   */
  ttlWithoutRedisMs?: number;
}

/**
 * A per-instance cache of answers that every instance must drop as soon as any of them changes the
 * thing answered. A change evicts the key here and, through Redis pub/sub, on every instance; while
 * that channel is down (or silent: see silent-connection.ts) the cache is not used at all, and it is
 * emptied when the channel comes back, so no instance serves an answer older than a change it could
 * have heard of.
 */
export class AnnouncedCache<V> {
  private readonly logger: Logger;
  /** Boxed, so that any value (null, false) is an answer worth keeping. */
  private readonly entries: LRUCache<string, { value: V }>;
  /** Bumped by every eviction: a load that raced with one is not kept. */
  private generation = 0;
  private subscriber?: Redis;
  private listening: boolean;

  constructor(redis: Redis, options: AnnouncedCacheOptions);
  constructor(
    redis: Redis | null,
    options: AnnouncedCacheOptions & Required<Pick<AnnouncedCacheOptions, 'ttlWithoutRedisMs'>>,
  );
  constructor(
    private readonly redis: Redis | null,
    private readonly options: AnnouncedCacheOptions,
  ) {
    this.logger = new Logger(`${AnnouncedCache.name}(${options.name})`);
    this.listening = redis === null;
    this.entries = new LRUCache({
      max: options.max,
      ttl: redis ? MAX_ANNOUNCED_ANSWER_AGE_MS : options.ttlWithoutRedisMs,
    });
  }

  /** Subscribes on a connection of its own (a subscribed connection can do nothing else). */
  start(): void {
    if (!this.redis) return;
    // Subscribed again on 'ready' below, and without a command timeout: a SUBSCRIBE that ioredis
    // sent again by itself, or that timed out, would be a rejection no one handles.
    const subscriber = this.redis.duplicate({ autoResubscribe: false, commandTimeout: undefined });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, key: string) => this.evict(key));
    subscriber.on('close', () => (this.listening = false));
    subscriber.on('error', () => (this.listening = false));
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.clear();
          this.listening = true;
        },
        (error: Error) =>
          this.logger.warn(`Cannot subscribe to ${this.options.channel}: ${error.message}`),
      );
    });
    // Announcements lost on a dead connection that never closed: unused until it is replaced.
    replaceWhenSilent(subscriber, () => {
      this.listening = false;
      this.logger.warn(`No answer on ${this.options.channel} for a while: reconnecting`);
    });
  }

  stop(): void {
    this.subscriber?.disconnect();
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.listening) return load();
    const kept = this.entries.get(key);
    recordCacheLookup(this.options.name, kept !== undefined);
    if (kept) return kept.value;
    const generation = this.generation;
    const value = await load();
    if (this.listening && generation === this.generation) this.entries.set(key, { value });
    return value;
  }

  /**
   * After a change is stored: forget it here, and tell every other instance. `store`: a change kept
   * in Redis itself, written in one MULTI with its announcement, so that neither goes without the
   * other.
   */
  async announce(key: string, store?: (transaction: ChainableCommander) => void): Promise<void> {
    try {
      if (!this.redis) return;
      const transaction = this.redis.multi();
      store?.(transaction);
      await failClosed(async () => {
        const results = await transaction.publish(this.channel, key).exec();
        if (!results || results.some(([error]) => error)) throw new Error('MULTI failed');
      });
    } finally {
      this.evict(key);
    }
  }

  private get channel(): string {
    // Published through the main client, whose key prefix does not apply to channel names.
    return `${this.redis?.options.keyPrefix ?? ''}${this.options.channel}`;
  }

  private evict(key: string): void {
    this.entries.delete(key);
    this.generation++;
  }

  private clear(): void {
    this.entries.clear();
    this.generation++;
  }
}
