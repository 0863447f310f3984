import underPressure from '@fastify/under-pressure';
import { ServiceUnavailableException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** Route config of a route that must answer even under overload (the liveness probe). */
export const NEVER_SHED = { pressureHandler: () => undefined, neverShed: true } as const;

/** Near the heap limit the process would crash; shedding first keeps it up. */
const HEAP_SHARE = 0.9;
const TICK_MS = 10;

const overloaded = () => new ServiceUnavailableException('The server is overloaded; retry shortly');

/**
 * Sheds load early instead of letting every request get slow: new requests answer 503 with
 * Retry-After at once (those in flight finish) while the heap is close to its limit
 * (@fastify/under-pressure) or while requests wait more than `maxEventLoopDelayMs` for the event
 * loop (0: never). That wait is measured per request, as the time since a timer last ran: under a
 * flood of connections Node reads thousands of requests per loop turn, and under-pressure's mean
 * event-loop delay, sampled by a timer that rarely gets to run, stays low while requests wait for
 * seconds. Readiness is shed too, so a load balancer sends traffic elsewhere.
 */
export async function shedOverload(
  app: NestFastifyApplication,
  { maxEventLoopDelayMs }: { maxEventLoopDelayMs: number },
): Promise<void> {
  await app.register(underPressure, {
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * HEAP_SHARE),
    // Thrown, so the refusal takes the error filter's path: the usual body and Retry-After, and
    // RFC 6749's error object at the OAuth endpoints.
    pressureHandler: () => {
      throw overloaded();
    },
  });
  if (maxEventLoopDelayMs === 0) return;
  // Shed only while turns are long one after another: one slow turn (a GC pause) is not overload.
  let lastTick = performance.now();
  let lagging = false;
  const ticker = setInterval(() => {
    const now = performance.now();
    lagging = now - lastTick - TICK_MS > maxEventLoopDelayMs;
    lastTick = now;
  }, TICK_MS).unref();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', async () => clearInterval(ticker));
  // A callback hook, not an async one: no promise for every request on the hottest path.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const waited = performance.now() - lastTick - TICK_MS;
    const shed = lagging && waited > maxEventLoopDelayMs;
    done(shed && !('neverShed' in request.routeOptions.config) ? overloaded() : undefined);
  });
}
