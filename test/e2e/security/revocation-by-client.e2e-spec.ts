import { bearer, startApp, TestApp } from '../../support/app';
import {
  passwordGrantVia,
  postForm,
  RegisteredClient,
  registerClientWith,
} from '../../support/oauth';

interface Tokens {
  access_token: string;
  refresh_token?: string;
}

/**
 * RFC 7009 section 2.1: a client revokes only the tokens issued to it. The public client that
 * anyone may name (no secret) is no exception: presenting someone else's token, even many times at
 * once, answers 200 (section 2.2) and leaves the token working.
 */
describe('revocation by a client that the token was not issued to', () => {
  let t: TestApp;
  let username: string;
  let adminToken: string;
  let spa: RegisteredClient;
  let confidential: RegisteredClient;

  beforeAll(async () => {
    t = await startApp();
    username = (await t.createUser('user')).username;
    adminToken = await t.token((await t.createUser('admin')).username);
    spa = await register({
      name: 'spa',
      scopes: ['read'],
      public: true,
      redirectUris: ['https://spa.example.com/callback'],
    });
    confidential = await register({ name: 'worker', scopes: ['items:read'] });
  });
  afterAll(() => t?.close());

  const register = (body: Parameters<typeof registerClientWith>[2]) =>
    registerClientWith(t, adminToken, body);
  const passwordGrant = (clientId: string) => passwordGrantVia(t, username, clientId);
  const clientToken = async (): Promise<string> => {
    const form = { grant_type: 'client_credentials' };
    const response = await postForm(t, '/auth/token', form, confidential);
    expect(response.status).toBe(200);
    return (response.body as Tokens).access_token;
  };
  /** Revocation as a confidential client (Basic), a named public client, or nobody at all. */
  const revoke = (token: string, as?: RegisteredClient | string) => {
    if (typeof as === 'object') return postForm(t, '/auth/revoke', { token }, as);
    return postForm(t, '/auth/revoke', as ? { token, client_id: as } : { token });
  };
  const apiStatus = async (access: string) =>
    (await t.http().get('/items').set(bearer(access))).status;
  const refreshStatus = async (refreshToken: string, clientId: string) =>
    (
      await postForm(t, '/auth/token', {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: clientId,
      })
    ).status;

  it("leaves a confidential client's token working when a caller without credentials presents it", async () => {
    const access = await clientToken();
    for (const caller of [undefined, 'scopegate-web', spa.id]) {
      expect((await revoke(access, caller)).status).toBe(200);
    }
    expect(await apiStatus(access)).toBe(200);
  });

  it("leaves another public client's tokens and their refresh chain working", async () => {
    const tokens = await passwordGrant('scopegate-web');
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      expect((await revoke(token, spa.id)).status).toBe(200);
      expect((await revoke(token, confidential)).status).toBe(200);
    }
    expect(await apiStatus(tokens.access_token)).toBe(200);
    expect(await refreshStatus(tokens.refresh_token, 'scopegate-web')).toBe(200);
  });

  it('holds under a burst of foreign revocations at once', async () => {
    const access = await clientToken();
    const spaTokens = await passwordGrant(spa.id);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? revoke(access, i % 4 === 0 ? undefined : spa.id)
          : revoke(spaTokens.refresh_token),
      ),
    );
    expect(burst.map((response) => response.status)).toEqual(burst.map(() => 200));
    expect(await apiStatus(access)).toBe(200);
    expect(await refreshStatus(spaTokens.refresh_token, spa.id)).toBe(200);
  });

  it('still lets each client revoke its own tokens', async () => {
    const own = await clientToken();
    expect((await revoke(own, confidential)).status).toBe(200);
    expect(await apiStatus(own)).toBe(401);

    const viaSpa = await passwordGrant(spa.id);
    expect((await revoke(viaSpa.refresh_token, spa.id)).status).toBe(200);
    expect(await refreshStatus(viaSpa.refresh_token, spa.id)).toBe(400);
    expect(await apiStatus(viaSpa.access_token)).toBe(401);

    const viaWeb = await passwordGrant('scopegate-web');
    expect((await revoke(viaWeb.access_token)).status).toBe(200);
    expect(await apiStatus(viaWeb.access_token)).toBe(401);
  });
});
