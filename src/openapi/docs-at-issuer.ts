import { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Swagger UI's code flow returns to the issuer's address, and its popup can hand the code back only
 * to a page of that same origin. A page opened at another loopback name of the same server
 * (127.0.0.1 for localhost: RFC 8252 section 7.3) is therefore sent to the issuer's address first,
 * instead of leaving the popup stuck.
 */
export function serveDocsAtIssuerOrigin(app: INestApplication, docsPath: string, issuer: string) {
  const target = new URL(issuer);
  if (!LOOPBACK_NAMES.has(target.hostname)) return;
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (request, reply) => {
    const isDocsPage = request.url === `/${docsPath}` || request.url.startsWith(`/${docsPath}/`);
    const host = request.headers.host;
    if (request.method !== 'GET' || !isDocsPage || !host || host === target.host) return;
    const seen = URL.parse(`http://${host}`);
    if (!seen || !LOOPBACK_NAMES.has(seen.hostname) || seen.port !== target.port) return;
    return reply.redirect(`${target.origin}${request.url}`, 302);
  });
}
