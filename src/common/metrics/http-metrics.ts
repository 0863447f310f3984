import { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { httpRequestDuration } from './metrics';

/**
 * Every answered request, labelled with its route pattern (`/items/:id`, never the id itself), so
 * that the number of series stays bounded however many paths callers try; unknown paths share one.
 */
export function recordHttpMetrics(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  // A callback hook, not an async one: no promise for every request.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
