import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A private RSA signing key as a JWK, with a fresh `kid`. */
export function signingJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export interface ProviderProcess {
  readonly issuer: string;
  readonly port: number;
  /** A client-credentials access token from this provider for `resource`. */
  token(clientId: string, resource: string, scope?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts oidc-provider (test/e2e/remote/oidc-provider.mjs) as its own process, signing with `keys[0]`. */
export async function startProvider(keys: object[], port = 0): Promise<ProviderProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'scopegate-oidc-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys }), { mode: 0o600 });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider.mjs'), String(port), jwksFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Its start-up warnings (in-memory adapter, runtime) are expected; shown only if it fails.
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = once(child, 'exit');
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line'),
    exited.then(() =>
      Promise.reject(new Error(`oidc-provider exited before listening:\n${errors}`)),
    ),
  ])) as [string];
  rmSync(dir, { recursive: true, force: true });
  const { issuer } = JSON.parse(line) as { issuer: string };
  return {
    issuer,
    port: Number(new URL(issuer).port),
    async token(clientId, resource, scope = 'inventory:read') {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
