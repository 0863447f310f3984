import request from 'supertest';
import { bearer, dataDirs, PASSWORD, startApp, TestApp } from '../../support/app';
import { authorizePath, consent, pkce, signIn } from '../../support/authorize';
import {
  passwordGrantVia,
  postForm,
  RegisteredClient,
  registerClientWith,
} from '../../support/oauth';

const CALLBACK = 'https://app.example.com/callback';

interface Tokens {
  access_token: string;
  refresh_token?: string;
}

/**
 * Deleting a client ends every token issued to it, at once: user tokens obtained through it (by
 * the password grant for a public client, by the code flow for a confidential one), their refresh
 * tokens, and its own client-credentials tokens. Introspection calls them all inactive, and they
 * stay dead after a restart. Tokens of other clients are untouched.
 */
describe('deleting a client', () => {
  const dataDir = dataDirs();
  let dir: string;
  let t: TestApp;
  let username: string;
  let adminToken: string;
  let resourceServer: RegisteredClient;

  beforeAll(async () => {
    dir = dataDir();
    t = await startApp({}, { dataDir: dir });
    username = (await t.createUser('user')).username;
    adminToken = await t.token((await t.createUser('admin')).username);
    resourceServer = await register({ name: 'resource-server', scopes: ['items:read'] });
  });
  afterAll(() => t?.close());

  const register = (body: Parameters<typeof registerClientWith>[2]) =>
    registerClientWith(t, adminToken, body);
  const passwordGrant = (clientId: string) => passwordGrantVia(t, username, clientId);
  /** Through the pages, then the code redeemed with the confidential client's secret. */
  const codeFlow = async (client: RegisteredClient): Promise<Tokens> => {
    const browser = request.agent(t.app.getHttpServer());
    const { verifier, challenge } = pkce();
    const page = await browser.get(
      authorizePath({
        response_type: 'code',
        client_id: client.id,
        redirect_uri: CALLBACK,
        scope: 'items:read',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    const signedIn = await signIn(browser, page.text, username, PASSWORD);
    const approved = await consent(browser, (await browser.get(signedIn.headers.location)).text, [
      'items:read',
    ]);
    const code = new URL(approved.headers.location).searchParams.get('code')!;
    const response = await postForm(
      t,
      '/auth/token',
      { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier },
      client,
    );
    expect(response.status).toBe(200);
    return response.body as Tokens;
  };
  const clientCredentials = async (client: RegisteredClient): Promise<Tokens> => {
    const response = await postForm(t, '/auth/token', { grant_type: 'client_credentials' }, client);
    expect(response.status).toBe(200);
    return response.body as Tokens;
  };
  const apiStatus = async (access: string) =>
    (await t.http().get('/items').set(bearer(access))).status;
  const active = async (token: string) =>
    ((await postForm(t, '/auth/introspect', { token }, resourceServer)).body as { active: boolean })
      .active;
  /** A public client names itself; a confidential one authenticates. */
  const refreshStatus = async (token: string, client: RegisteredClient) => {
    const form = { grant_type: 'refresh_token', refresh_token: token };
    const response = client.secret
      ? await postForm(t, '/auth/token', form, client)
      : await postForm(t, '/auth/token', { ...form, client_id: client.id });
    return response.status;
  };

  /** Every kind of token a client can hold, and a client to remove afterwards. */
  async function tokensOfNewClients() {
    const publicClient = await register({
      name: 'spa',
      scopes: ['read'],
      public: true,
      redirectUris: [CALLBACK],
    });
    const confidential = await register({
      name: 'web-app',
      scopes: ['items:read'],
      redirectUris: [CALLBACK],
    });
    return {
      publicClient,
      confidential,
      viaPublic: await passwordGrant(publicClient.id),
      viaConfidential: await codeFlow(confidential),
      ownToken: await clientCredentials(confidential),
    };
  }

  it('ends its user tokens, their refresh tokens and its own tokens at once, and introspection says so', async () => {
    const survivor = await passwordGrant('scopegate-web');
    const kept = await tokensOfNewClients();
    const gone = await tokensOfNewClients();
    const accessTokens = [gone.viaPublic, gone.viaConfidential, gone.ownToken].map(
      (tokens) => tokens.access_token,
    );
    for (const access of accessTokens) {
      expect(await apiStatus(access)).toBe(200);
      expect(await active(access)).toBe(true);
    }
    expect(await active(gone.viaPublic.refresh_token)).toBe(true);
    expect(await active(gone.viaConfidential.refresh_token!)).toBe(true);

    for (const client of [gone.publicClient, gone.confidential]) {
      expect((await t.http().delete(`/clients/${client.id}`).set(bearer(adminToken))).status).toBe(
        204,
      );
    }

    for (const access of accessTokens) {
      expect(await apiStatus(access)).toBe(401);
      expect(await active(access)).toBe(false);
    }
    expect(await active(gone.viaPublic.refresh_token)).toBe(false);
    expect(await active(gone.viaConfidential.refresh_token!)).toBe(false);
    expect(await refreshStatus(gone.viaPublic.refresh_token, gone.publicClient)).toBe(401);
    expect(await refreshStatus(gone.viaConfidential.refresh_token!, gone.confidential)).toBe(401);

    await t.close();
    t = await startApp({}, { dataDir: dir });
    for (const access of accessTokens) expect(await apiStatus(access)).toBe(401);
    expect(await active(gone.viaConfidential.refresh_token!)).toBe(false);

    // Another client's tokens, and the built-in client's, still work.
    for (const tokens of [kept.viaPublic, kept.viaConfidential, kept.ownToken, survivor]) {
      expect(await apiStatus(tokens.access_token)).toBe(200);
    }
    expect(await active(kept.viaConfidential.refresh_token!)).toBe(true);
    expect(await refreshStatus(kept.viaConfidential.refresh_token!, kept.confidential)).toBe(200);
  });
});
