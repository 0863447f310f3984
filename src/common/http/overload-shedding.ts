import underPressure from '@fastify/under-pressure';
import { ServiceUnavailableException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getHeapStatistics } from 'node:v8';

/** Route config of a route that must answer even under overload (the liveness probe). */
export const NEVER_SHED = { pressureHandler: () => undefined } as const;

/** Near the heap limit the process would crash; shedding first keeps it up. */
const HEAP_SHARE = 0.9;

/**
 * Sheds load early instead of letting every request get slow: while the event loop lags by more
 * than `maxEventLoopDelayMs` on average (0: never), or the heap is close to its limit, new requests
 * answer 503 with Retry-After at once (the requests already in flight finish). Readiness is shed too, so a
 * load balancer sends traffic elsewhere.
 */
export async function shedOverload(
  app: NestFastifyApplication,
  { maxEventLoopDelayMs }: { maxEventLoopDelayMs: number },
): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * HEAP_SHARE),
    sampleInterval: 500,
    // Thrown, so the refusal takes the error filter's path: the usual body and Retry-After, and
    // RFC 6749's error object at the OAuth endpoints.
    pressureHandler: () => {
      throw new ServiceUnavailableException('The server is overloaded; retry shortly');
    },
  });
}
