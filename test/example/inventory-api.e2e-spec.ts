import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sign } from 'jsonwebtoken';
import { newDataDir } from '../support/app';
import { freePort } from '../support/listen';
import { ServerProcess, startServer } from '../support/server-process';
import { ExampleProcess, startExample } from './example-process';

const ADMIN = { username: 'root', password: 'root-password-123' };

/**
 * scopegate and the example API (which uses only the guard library) as two processes: scopegate
 * issues, the example trusts it as a remote issuer — by its keys, or by asking it (introspection).
 */
describe('examples/inventory-api trusting scopegate', () => {
  const dataDir = newDataDir();
  let scopegate: ServerProcess;
  let byKeys: ExampleProcess;
  let byIntrospection: ExampleProcess;
  let reader: { id: string; secret: string };

  const form = (path: string, fields: Record<string, string>, basic?: string) =>
    fetch(`${scopegate.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(basic ? { authorization: `Basic ${Buffer.from(basic).toString('base64')}` } : {}),
      },
      body: new URLSearchParams(fields),
    });
  const clientToken = async (client: { id: string; secret: string }, scope: string) => {
    const response = await form(
      '/auth/token',
      { grant_type: 'client_credentials', scope },
      `${client.id}:${client.secret}`,
    );
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const call = (api: ExampleProcess, path: string, token?: string, body?: object) =>
    fetch(`${api.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    scopegate = await startServer('scopegate', port, {
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: dataDir,
      JWT_ISSUER: issuer,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    });
    const admin = await form('/auth/token', { grant_type: 'password', ...ADMIN, scope: 'admin' });
    const adminToken = ((await admin.json()) as { access_token: string }).access_token;
    const register = async (scopes: string[]) => {
      const response = await fetch(`${issuer}/clients`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `client-${randomUUID()}`, scopes }),
      });
      const body = (await response.json()) as { client_id: string; client_secret: string };
      return { id: body.client_id, secret: body.client_secret };
    };
    reader = await register(['items:read']);
    const introspector = await register(['items:read']);
    [byKeys, byIntrospection] = await Promise.all([
      freePort().then((p) => startExample(p, { SCOPEGATE_ISSUER: issuer })),
      freePort().then((p) =>
        startExample(p, {
          SCOPEGATE_ISSUER: issuer,
          INTROSPECTION_CLIENT_ID: introspector.id,
          INTROSPECTION_CLIENT_SECRET: introspector.secret,
        }),
      ),
    ]);
  });
  afterAll(async () => {
    await Promise.all([byKeys?.stop(), byIntrospection?.stop()]);
    await scopegate?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets a client-credentials token from scopegate through (200)', async () => {
    const response = await call(byKeys, '/stock', await clientToken(reader, 'items:read'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [{ sku: 'espresso-cup', quantity: 12 }] });
  });

  it('answers 403 insufficient_scope on a route needing more', async () => {
    const token = await clientToken(reader, 'items:read');
    const response = await call(byKeys, '/stock/adjust', token, { sku: 'espresso-cup', delta: 1 });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="inventory-api", error="insufficient_scope", scope="items:write"',
    );
  });

  it('answers 401 without a token, and with a token scopegate did not sign', async () => {
    const none = await call(byKeys, '/stock');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="inventory-api"');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = sign({ sub: 'x', scope: 'items:read', aud: 'scopegate-api' }, privateKey, {
      algorithm: 'RS256',
      issuer: scopegate.url,
      expiresIn: 300,
      keyid: 'not-scopegates',
      header: { alg: 'RS256', typ: 'at+jwt' },
    });
    const foreign = await call(byKeys, '/stock', forged);
    expect(foreign.status).toBe(401);
    expect(foreign.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('in introspection mode, refuses a token at once after scopegate revoked it', async () => {
    const token = await clientToken(reader, 'items:read');
    expect((await call(byIntrospection, '/stock', token)).status).toBe(200);
    // The signature still holds, so the example that checks keys keeps accepting it until exp.
    const revoked = await form('/auth/revoke', { token }, `${reader.id}:${reader.secret}`);
    expect(revoked.status).toBe(200);
    const refused = await call(byIntrospection, '/stock', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await call(byKeys, '/stock', token)).status).toBe(200);
  });
});
