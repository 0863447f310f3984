import { ServiceUnavailableException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Semaphore, SemaphoreInterface, withTimeout } from 'async-mutex';
import type { FastifyRequest } from 'fastify';
import type { DatabaseLimits } from '../../config/app.config';

/** A feature is the first segment of a route's path: `/items/:id` belongs to `items`. */
const featureOf = (request: FastifyRequest): string | undefined =>
  request.routeOptions.url?.split('/')[1] || undefined;

/**
 * One slow table must not stall the whole API. Requests wait on the database while they hold a
 * pooled connection, so thirty requests stuck behind a lock on `items` would take every connection
 * and `GET /users/me` would wait behind them. Each feature's requests therefore hold at most the
 * pool less a quarter of it at once; the others wait for a turn as long as a turn may last (one
 * statement and one connection wait: a burst of writes to one row queues here), then answer 503.
 * The rest of the pool stays free for the other features.
 */
export function limitDatabaseSharePerFeature(
  app: NestFastifyApplication,
  { poolSize, acquireTimeoutMs, statementTimeoutMs }: DatabaseLimits,
): void {
  const permits = Math.max(1, poolSize - Math.max(1, Math.floor(poolSize / 4)));
  const refusal = new ServiceUnavailableException(
    'Too many requests are waiting for the database; retry shortly',
  );
  const turns = new Map<string, SemaphoreInterface>();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      const feature = featureOf(request);
      if (!feature) return;
      let turn = turns.get(feature);
      if (!turn) {
        turn = withTimeout(new Semaphore(permits), statementTimeoutMs + acquireTimeoutMs, refusal);
        turns.set(feature, turn);
      }
      // 'close' follows every response, sent or cut short, so a turn is never kept: listened to
      // before the wait, since a client that gives up while waiting closes it before the turn comes.
      let closed = false;
      let release: (() => void) | undefined;
      reply.raw.once('close', () => {
        closed = true;
        release?.();
      });
      const [, acquired] = await turn.acquire();
      if (closed) acquired();
      else release = acquired;
    });
}
