/**
 * The bare baseline: Fastify alone verifying the same RS256 token with the same key, pinned
 * algorithm, `iss` and `aud`, and answering each route with a body of the same size — no NestJS,
 * no guards, no database. Configured by environment variables from bench/run.ts.
 */
import Fastify from 'fastify';
import { createPublicKey } from 'node:crypto';
import { verify } from 'jsonwebtoken';

const key = createPublicKey(process.env.BENCH_PUBLIC_KEY!);
const options = {
  algorithms: ['RS256' as const],
  issuer: process.env.BENCH_ISSUER!,
  audience: process.env.BENCH_AUDIENCE!,
};
const bodies = JSON.parse(process.env.BENCH_BODIES!) as Record<string, string>;

const app = Fastify({ logger: false });
app.addHook('onRequest', async (request, reply) => {
  const header = request.headers.authorization;
  try {
    verify(header?.startsWith('Bearer ') ? header.slice(7) : '', key, options);
  } catch {
    await reply.code(401).send({ statusCode: 401, error: 'Unauthorized' });
  }
});
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
}
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
