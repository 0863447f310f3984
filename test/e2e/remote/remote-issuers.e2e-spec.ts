import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ProviderProcess, signingJwk, startProvider } from './provider-process';
import { startResourceApp } from './resource-app';

const INVENTORY = 'https://inventory.example';
const OTHER = 'https://other.example';

/**
 * The guard library against a foreign, certified OpenID provider (oidc-provider, its own process):
 * keys found from the issuer URL alone (discovery, then JWKS), audiences and issuers kept apart,
 * a key rotation at the issuer followed, and the scope claims of several families of issuers.
 */
describe('remote issuers: oidc-provider as a foreign IdP', () => {
  const firstKey = signingJwk();
  let provider: ProviderProcess;
  let stranger: ProviderProcess;
  let app: INestApplication;

  const call = (method: 'get' | 'post', token?: string) => {
    const test = request(app.getHttpServer())[method]('/stock');
    return token ? test.set('Authorization', `Bearer ${token}`) : test;
  };
  const trust = (scopeClaim?: Parameters<typeof startResourceApp>[0][0]['scopeClaim']) =>
    startResourceApp([{ issuer: provider.issuer, audience: INVENTORY, typ: 'at+jwt', scopeClaim }]);

  beforeAll(async () => {
    [provider, stranger] = await Promise.all([
      startProvider([firstKey]),
      startProvider([signingJwk()]),
    ]);
  });
  afterAll(() => Promise.all([provider?.stop(), stranger?.stop()]));

  describe('with the default `scope` claim', () => {
    beforeAll(async () => {
      app = await trust();
    });
    afterAll(() => app.close());

    it('accepts a token for its own audience, with the scope the route requires', async () => {
      const response = await call('get', await provider.token('scope-style', INVENTORY));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [] });
    });

    it('answers 403 insufficient_scope for a route needing more', async () => {
      const response = await call('post', await provider.token('scope-style', INVENTORY));
      expect(response.status).toBe(403);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="inventory", error="insufficient_scope", scope="inventory:write"',
      );
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Missing required scope: inventory:write',
      });
    });

    it('refuses a token of the same issuer for another audience', async () => {
      const response = await call('get', await provider.token('scope-style', OTHER));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="inventory", error="invalid_token", error_description="The access token is invalid"',
      );
    });

    it('refuses a token of another issuer, even for the right audience', async () => {
      const response = await call('get', await stranger.token('scope-style', INVENTORY));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('answers 401 without a token', async () => {
      const response = await call('get');
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="inventory"');
    });

    it('follows a key rotation at the issuer: a new kid is fetched, old tokens still pass', async () => {
      const before = await provider.token('scope-style', INVENTORY);
      expect((await call('get', before)).status).toBe(200);
      const { port } = provider;
      await provider.stop();
      provider = await startProvider([signingJwk(), firstKey], port);
      const after = await provider.token('scope-style', INVENTORY);
      const kid = (token: string) =>
        (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string })
          .kid;
      expect(kid(after)).not.toBe(kid(before));
      expect((await call('get', after)).status).toBe(200);
      expect((await call('get', before)).status).toBe(200);
    });
  });

  describe('scope claim mapping', () => {
    afterEach(() => app.close());

    it('reads `scp` (Entra ID, Okta): an array here', async () => {
      app = await trust('scp');
      expect((await call('post', await provider.token('entra-style', INVENTORY))).status).toBe(201);
      expect((await call('post', await provider.token('scope-style', INVENTORY))).status).toBe(403);
    });

    it('reads `permissions` (Auth0), and only it', async () => {
      app = await trust('permissions');
      const token = await provider.token('auth0-style', INVENTORY);
      expect((await call('post', token)).status).toBe(201);
      // inventory:write implies inventory:read in the app's own table.
      expect((await call('get', token)).status).toBe(200);
      expect((await call('get', await provider.token('scope-style', INVENTORY))).status).toBe(403);
    });

    it('reads any claim through a function (Keycloak realm roles), ignoring unknown names', async () => {
      app = await trust((claims) => {
        const access = claims.realm_access as { roles?: string[] } | undefined;
        return access?.roles ?? [];
      });
      const response = await call('post', await provider.token('keycloak-style', INVENTORY));
      expect(response.status).toBe(201);
    });
  });
});
