/**
 * `npm run bench` (second part): the guard library validating RS256 access tokens with the key
 * held locally vs fetched from the issuer's JWKS (warm cache), side by side in one run: two server
 * processes, A/B/A/B..., autocannon on one protected route. Goal: remote within 10 % of local.
 * Options (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_PAIRS (3),
 * BENCH_CONNECTIONS (50). It reports; never fails.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sign } from 'jsonwebtoken';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A stand-in issuer: RFC 8414 metadata and the JWKS, nothing else. */
async function startIssuer(jwk: object): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const body =
      request.url === '/.well-known/oauth-authorization-server'
        ? { issuer: url, jwks_uri: `${url}/jwks.json` }
        : request.url === '/jwks.json'
          ? { keys: [jwk] }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'resource-server.ts')],
    { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/items`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await sleep(100);
  }
  throw new Error('the resource server did not come up');
}

async function rps(url: string, token: string, duration: number): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.average;
}

async function main(): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const issuer = await startIssuer(jwk);
  const token = sign({ scope: 'items:read', client_id: 'bench' }, privateKey, {
    algorithm: 'RS256',
    keyid: kid,
    issuer: issuer.url,
    audience: 'bench-api',
    subject: 'bench',
    expiresIn: 3600,
    header: { alg: 'RS256', typ: 'at+jwt' },
  });
  const base = 42000 + Math.floor(Math.random() * 1000);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const servers = {
    local: await startServer(
      { KEY_SOURCE: 'local', ISSUER: issuer.url, KID: kid, PUBLIC_KEY_PEM: pem },
      base,
    ),
    remote: await startServer({ KEY_SOURCE: 'remote', ISSUER: issuer.url }, base + 1),
  };
  const urls = {
    local: `http://127.0.0.1:${base}/items`,
    remote: `http://127.0.0.1:${base + 1}/items`,
  };
  try {
    const results: Record<'local' | 'remote', number[]> = { local: [], remote: [] };
    for (const mode of ['local', 'remote'] as const) await rps(urls[mode], token, WARMUP);
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const mode of ['local', 'remote'] as const) {
        results[mode].push(await rps(urls[mode], token, SECONDS));
      }
    }
    const local = median(results.local);
    const remote = median(results.remote);
    console.log('\nGuard library, RS256 access tokens, request logging on (median of pairs)');
    console.log(`| key source | requests/s |`);
    console.log(`|---|---|`);
    console.log(`| local KeyObject | ${local.toFixed(0)} |`);
    console.log(`| remote JWKS (discovery, warm cache) | ${remote.toFixed(0)} |`);
    const ratio = remote / local;
    console.log(
      `remote/local: ${(ratio * 100).toFixed(1)} % (goal: at least 90 %) ${ratio >= 0.9 ? 'met' : 'NOT met'}`,
    );
  } finally {
    servers.local.kill('SIGTERM');
    servers.remote.kill('SIGTERM');
    issuer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
