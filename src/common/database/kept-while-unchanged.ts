import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { recordCacheLookup } from '../metrics/metrics';
import { ChangeMarker, sqliteChangeMarker } from './change-marker';

/** One kept answer goes to many requests: none of them may change it for the others. */
function deepFreeze<T extends object>(value: T): T {
  for (const field of Object.values(value)) {
    if (field !== null && typeof field === 'object' && !Object.isFrozen(field)) deepFreeze(field);
  }
  return Object.freeze(value);
}

export interface KeptWhileUnchangedOptions<V> {
  /** Its name in the cache-lookup metric. */
  name: string;
  max: number;
  /** Bounds the sum of `sizeOf` over the entries kept. */
  maxSize: number;
  sizeOf(value: V): number;
}

/**
 * Answers read from the database, kept while the database has not changed at all. Each use asks
 * the database's change marker first (one cheap statement) and computes again unless the kept
 * answer was computed at that same marker: any write anywhere, by any process, drops every answer
 * at once. An answer is kept under the marker read before it was computed, so it is never older
 * than its marker. Pays where reads repeat between writes; costs one statement where they do not.
 * Only on SQLite (see change-marker.ts): elsewhere every use computes.
 */
export class KeptWhileUnchanged<V extends object> {
  private readonly marker: ChangeMarker | undefined;
  private readonly entries: LRUCache<string, { marker: string; value: V }>;

  constructor(
    dataSource: DataSource,
    private readonly options: KeptWhileUnchangedOptions<V>,
  ) {
    this.marker = sqliteChangeMarker(dataSource);
    this.entries = new LRUCache({
      max: options.max,
      maxSize: options.maxSize,
      sizeCalculation: ({ value }) => Math.max(1, options.sizeOf(value)),
    });
  }

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    if (!this.marker) return compute();
    const marker = await this.marker();
    const kept = this.entries.get(key);
    const hit = kept?.marker === marker;
    recordCacheLookup(this.options.name, hit);
    if (hit) return kept.value;
    const value = deepFreeze(await compute());
    this.entries.set(key, { marker, value });
    return value;
  }
}
