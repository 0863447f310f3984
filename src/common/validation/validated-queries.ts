import { LRUCache } from 'lru-cache';
import { recordCacheLookup } from '../metrics/metrics';

export const MAX_VALIDATED_QUERIES = 1_000;
/** Longer query strings are validated every time: a key is kept whole. */
const MAX_KEY_LENGTH = 512;
const STRIPPED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

type Flat = Record<string, string | number | boolean | undefined>;

const isFlat = (value: object): value is Flat =>
  Object.values(value).every((field) => field === undefined || typeof field !== 'object');

/**
 * Query DTOs already validated, by DTO class and query text: a list's page query (`?limit=20`,
 * none at all) repeats from request to request, and class-transformer and class-validator cost
 * more than the page read. Only what passed is kept, and only DTOs of plain values; each caller
 * gets its own copy. Bounded: the least recently used entry goes first.
 */
export class ValidatedQueries {
  private readonly byClass = new WeakMap<object, LRUCache<string, Flat>>();

  /**
   * The key of a query, the same whatever the order of its parameters; undefined where it is not to
   * be kept (the names Nest strips before validating would let one query take many entries).
   */
  keyOf(query: unknown): string | undefined {
    if (query === null || typeof query !== 'object') return undefined;
    const names = Object.keys(query).sort();
    if (names.some((name) => STRIPPED_NAMES.has(name))) return undefined;
    const fields = query as Record<string, unknown>;
    const key = JSON.stringify(names.map((name) => [name, fields[name]]));
    return key.length <= MAX_KEY_LENGTH ? key : undefined;
  }

  get<T extends object>(dto: new () => T, key: string): T | undefined {
    const kept = this.byClass.get(dto)?.get(key);
    recordCacheLookup('validated_query', kept !== undefined);
    return kept && (Object.assign(Object.create(dto.prototype as object), kept) as T);
  }

  set(dto: object, key: string, validated: object): void {
    if (!isFlat(validated)) return;
    let entries = this.byClass.get(dto);
    if (!entries) this.byClass.set(dto, (entries = new LRUCache({ max: MAX_VALIDATED_QUERIES })));
    entries.set(key, { ...validated });
  }
}
