import * as oauth from 'oauth4webapi';
import request from 'supertest';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { consent, signIn } from '../../support/authorize';
import { freePort } from '../../support/listen';
import { registerClient } from '../../support/oauth';

/**
 * scopegate driven by oauth4webapi, a strict RFC client written by someone else, over real HTTP.
 * Where it rejects an answer, scopegate is wrong.
 */
describe('an independent OAuth client and resource server (oauth4webapi)', () => {
  let t: TestApp;
  let issuer: URL;
  let as: oauth.AuthorizationServer;
  let user: { id: string; username: string };
  let worker: { id: string; secret: string };
  let resourceServer: { id: string; secret: string };
  let browserApp: oauth.Client;
  const callbackUri = 'http://127.0.0.1:9/callback';
  const http = { [oauth.allowInsecureRequests]: true };
  const publicClient: oauth.Client = { client_id: 'scopegate-web' };

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    t = await startApp({ PORT: String(port), JWT_ISSUER: base });
    await t.app.listen(port, '127.0.0.1');
    issuer = new URL(base);
    user = await t.createUser('user');
    const adminToken = await t.token((await t.createUser('admin')).username);
    worker = await registerClient(t, adminToken, ['items:read', 'payments:process'], 'worker');
    resourceServer = await registerClient(t, adminToken, ['items:read'], 'resource-server');
    const registered = await t
      .http()
      .post('/clients')
      .set(bearer(adminToken))
      .send({ name: 'Browser app', scopes: ['read'], public: true, redirectUris: [callbackUri] });
    browserApp = { client_id: registered.body.client_id };
    const discovery = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http });
    as = await oauth.processDiscoveryResponse(issuer, discovery);
  });
  afterAll(() => t.close());

  /** Validates an access token as an independent resource server would: RFC 9068 with the JWKS. */
  const validateAsResourceServer = (accessToken: string) =>
    oauth.validateJwtAccessToken(
      as,
      new Request(`${issuer.href}items`, { headers: { Authorization: `Bearer ${accessToken}` } }),
      'scopegate-api',
      http,
    );

  it('discovers the server from its RFC 8414 metadata', () => {
    expect(as.issuer).toBe(issuer.origin);
    expect(as.token_endpoint).toBe(`${issuer.origin}/auth/token`);
    expect(as.scopes_supported).toContain('items:read');
  });

  it('gets a client-credentials token with client_secret_basic and validates it', async () => {
    const client: oauth.Client = { client_id: worker.id };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(worker.secret),
      new URLSearchParams({ scope: 'items:read' }),
      http,
    );
    const result = await oauth.processClientCredentialsResponse(as, client, response);
    expect(result.scope).toBe('items:read');
    expect(result.refresh_token).toBeUndefined();
    const claims = await validateAsResourceServer(result.access_token);
    expect(claims).toMatchObject({ sub: worker.id, client_id: worker.id, scope: 'items:read' });
  });

  it('gets a client-credentials token with client_secret_post', async () => {
    const client: oauth.Client = { client_id: worker.id };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(worker.secret),
      new URLSearchParams(),
      http,
    );
    const result = await oauth.processClientCredentialsResponse(as, client, response);
    expect(result.scope).toBe('items:read payments:process');
  });

  it('refreshes, revokes and introspects a user’s tokens', async () => {
    const login = await oauth.genericTokenEndpointRequest(
      as,
      publicClient,
      oauth.None(),
      'password',
      new URLSearchParams({ username: user.username, password: PASSWORD, scope: 'read' }),
      http,
    );
    const first = await oauth.processGenericTokenEndpointResponse(as, publicClient, login);
    expect(first.refresh_token).toEqual(expect.any(String));
    await validateAsResourceServer(first.access_token);

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      publicClient,
      await oauth.refreshTokenGrantRequest(
        as,
        publicClient,
        oauth.None(),
        first.refresh_token!,
        http,
      ),
    );
    expect(refreshed.scope).toBe('read');
    const claims = await validateAsResourceServer(refreshed.access_token);
    expect(claims.sub).toBe(user.id);

    const rs: oauth.Client = { client_id: resourceServer.id };
    const rsAuth = oauth.ClientSecretBasic(resourceServer.secret);
    const active = await oauth.processIntrospectionResponse(
      as,
      rs,
      await oauth.introspectionRequest(as, rs, rsAuth, refreshed.access_token, http),
    );
    expect(active).toMatchObject({
      active: true,
      sub: user.id,
      scope: 'read',
      client_id: 'scopegate-web',
    });

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, publicClient, oauth.None(), refreshed.refresh_token!, http),
    );
    const inactive = await oauth.processIntrospectionResponse(
      as,
      rs,
      await oauth.introspectionRequest(as, rs, rsAuth, refreshed.access_token, http),
    );
    expect(inactive).toEqual({ active: false });
    expect((await t.http().get('/users/me').set(bearer(refreshed.access_token))).status).toBe(401);
  });

  it('runs the authorization code flow with PKCE, validating the callback and its iss', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorizationUrl = new URL(as.authorization_endpoint!);
    authorizationUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: browserApp.client_id,
      redirect_uri: callbackUri,
      scope: 'items:read orders:read',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();

    // A person in a browser: signs in, and leaves only items:read ticked.
    const browser = request.agent(t.app.getHttpServer());
    const page = await browser.get(`${authorizationUrl.pathname}${authorizationUrl.search}`);
    const signedIn = await signIn(browser, page.text, user.username, PASSWORD);
    const consentPage = await browser.get(signedIn.headers.location);
    const approved = await consent(browser, consentPage.text, ['items:read']);

    const callback = oauth.validateAuthResponse(
      as,
      browserApp,
      new URL(approved.headers.location),
      state,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      browserApp,
      oauth.None(),
      callback,
      callbackUri,
      verifier,
      http,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, browserApp, response);
    expect(result.scope).toBe('items:read');
    expect(result.refresh_token).toEqual(expect.any(String));
    const claims = await validateAsResourceServer(result.access_token);
    expect(claims).toMatchObject({
      sub: user.id,
      client_id: browserApp.client_id,
      scope: 'items:read',
    });
  });

  it('reports a refused refresh as an OAuth error it understands', async () => {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      publicClient,
      oauth.None(),
      'bogus',
      http,
    );
    await expect(
      oauth.processRefreshTokenResponse(as, publicClient, response),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      status: 400,
    });
  });
});
