import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * scopegate's Prometheus metrics, one registry per process (prom-client's idiom: metrics are
 * process-wide, created once); features register their own in it. Labels come from bounded sets only — route patterns, grants,
 * registered client ids, outcomes — never from what a caller writes.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'scopegate_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, and how long they took',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const cacheLookups = new Counter({
  name: 'scopegate_cache_lookups_total',
  help: 'Lookups in the in-process caches, by cache and result (hit or miss)',
  labelNames: ['cache', 'result'] as const,
  registers: [metricsRegistry],
});

export const backendErrors = new Counter({
  name: 'scopegate_backend_errors_total',
  help: 'Errors from the database (requests that failed on it) and from the Redis connection',
  labelNames: ['backend'] as const,
  registers: [metricsRegistry],
});

export const recordCacheLookup = (cache: string, hit: boolean) =>
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
