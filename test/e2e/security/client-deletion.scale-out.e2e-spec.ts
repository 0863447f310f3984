import {
  callApi,
  passwordToken,
  postForm,
  REPLICA_ADMIN,
  Replicas,
  startReplicas,
} from '../../support/replicas';

const PASSWORD = 'correct-horse-battery';

/** Deleting a client through one instance ends its tokens on the other at its very next request. */
describe('deleting a client, seen from another instance', () => {
  let replicas: Replicas;
  let adminToken: string;

  beforeAll(async () => {
    replicas = await startReplicas();
    adminToken = (
      await passwordToken(replicas.a.url, REPLICA_ADMIN.username, REPLICA_ADMIN.password)
    ).access_token;
  });
  afterAll(() => replicas?.close());

  const register = async (body: object) => {
    const response = await callApi(replicas.a.url, 'POST', '/clients', adminToken, body);
    expect(response.status).toBe(201);
    return (await response.json()) as { client_id: string; client_secret?: string };
  };
  const basic = (client: { client_id: string; client_secret?: string }) => ({
    authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
  });

  it('ends user, refresh and client tokens on B when A deletes the client', async () => {
    const { a, b } = replicas;
    const introspector = await register({ name: 'resource-server', scopes: ['items:read'] });
    const spa = await register({
      name: 'spa',
      scopes: ['read'],
      public: true,
      redirectUris: ['https://spa.example.com/cb'],
    });
    const worker = await register({ name: 'worker', scopes: ['items:read'] });
    const username = `u${Date.now()}`;
    expect(
      (await callApi(a.url, 'POST', '/users', adminToken, { username, password: PASSWORD })).status,
    ).toBe(201);
    const viaSpa = await passwordToken(a.url, username, PASSWORD, { client_id: spa.client_id });
    const own = (await (
      await postForm(a.url, '/auth/token', { grant_type: 'client_credentials' }, basic(worker))
    ).json()) as { access_token: string };
    const active = async (token: string) =>
      (
        (await (
          await postForm(b.url, '/auth/introspect', { token }, basic(introspector))
        ).json()) as { active: boolean }
      ).active;

    const accessTokens = [viaSpa.access_token, own.access_token];
    for (const token of accessTokens) {
      expect((await callApi(b.url, 'GET', '/items', token)).status).toBe(200);
      expect(await active(token)).toBe(true);
    }
    expect(await active(viaSpa.refresh_token)).toBe(true);

    for (const client of [spa, worker]) {
      const deleted = await callApi(a.url, 'DELETE', `/clients/${client.client_id}`, adminToken);
      expect(deleted.status).toBe(204);
    }

    for (const token of accessTokens) {
      expect((await callApi(b.url, 'GET', '/items', token)).status).toBe(401);
      expect(await active(token)).toBe(false);
    }
    expect(await active(viaSpa.refresh_token)).toBe(false);
    const refreshed = await postForm(b.url, '/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: viaSpa.refresh_token,
      client_id: spa.client_id,
    });
    expect(refreshed.status).toBe(401);
  });
});
