import { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { nextPort, Server, startServer, waitUntilUp } from './processes';
import { BENCH_AUDIENCE, BENCH_ISSUER } from './scopegate';

/**
 * What the baseline and the FastAPI peer need to check scopegate's tokens and answer with its
 * bodies: the public key, issuer and audience, and each path's body.
 */
export function comparisonEnvironment(
  publicKey: KeyObject,
  bodies: Record<string, string>,
): Record<string, string> {
  return {
    BENCH_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    BENCH_ISSUER,
    BENCH_AUDIENCE,
    BENCH_BODIES: JSON.stringify(bodies),
  };
}

/** bench/baseline.ts: bare Fastify with the same RS256 check and bodies of the same size. */
export async function startBaseline(env: Record<string, string>, workDir: string): Promise<Server> {
  const server = startServer(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('bench', 'baseline.ts')],
    env,
    nextPort(),
    join(workDir, 'baseline.log'),
  );
  await waitUntilUp(server, '/health');
  return server;
}
