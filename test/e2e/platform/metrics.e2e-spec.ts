import { randomUUID } from 'node:crypto';
import { bearer, startApp, TestApp } from '../../support/app';
import { postForm } from '../../support/oauth';

/** GET /metrics: Prometheus text, behind metrics:read, with labels that callers cannot multiply. */
describe('metrics', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startApp();
    adminToken = await t.token((await t.createUser('admin')).username);
  });
  afterAll(() => t.close());

  const metrics = (token?: string) => {
    const call = t.http().get('/metrics');
    return token ? call.set(bearer(token)) : call;
  };

  it('serves the Prometheus text format to a token with metrics:read (admin implies it)', async () => {
    const response = await metrics(adminToken);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(
      /^scopegate_tokens_issued_total\{grant="password",client="scopegate-web"\} \d+$/m,
    );
    expect(response.text).toContain('# TYPE scopegate_http_request_duration_seconds histogram');
    expect(response.text).toContain('process_resident_memory_bytes');
  });

  it('answers a weaker token 403 naming metrics:read, and no token 401', async () => {
    const editor = await t.token((await t.createUser('editor')).username);
    const refused = await metrics(editor);
    expect(refused.status).toBe(403);
    expect(refused.headers['www-authenticate']).toContain('scope="metrics:read"');
    expect((await metrics()).status).toBe(401);
  });

  it('lets a client registered with metrics:read scrape with client credentials', async () => {
    const registered = await t
      .http()
      .post('/clients')
      .set(bearer(adminToken))
      .send({ name: 'prometheus', scopes: ['metrics:read'] });
    expect(registered.status).toBe(201);
    const client = { id: registered.body.client_id, secret: registered.body.client_secret };
    const token = await postForm(t, '/auth/token', { grant_type: 'client_credentials' }, client);
    expect(token.body.scope).toBe('metrics:read');
    expect((await metrics(token.body.access_token)).status).toBe(200);
    expect((await t.http().get('/items').set(bearer(token.body.access_token))).status).toBe(403);
  });

  it('labels requests by route pattern, so made-up paths and ids add no series', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().get(`/items/${randomUUID()}`).set(bearer(adminToken)),
      ),
    );
    await Promise.all(
      Array.from({ length: 20 }, () => t.http().get(`/no-such-route-${randomUUID()}`)),
    );
    const text = (await metrics(adminToken)).text;
    const routes = new Set(
      [
        ...text.matchAll(/scopegate_http_request_duration_seconds_count\{[^}]*route="([^"]*)"/g),
      ].map((match) => match[1]),
    );
    expect(routes).toContain('/items/:id');
    expect(routes).toContain('unmatched');
    expect(
      [...routes].some((route) => /[0-9a-f]{8}-/.test(route) || route.includes('no-such')),
    ).toBe(false);
  });

  it('counts failed and throttled sign-ins and cache lookups', async () => {
    const username = (await t.createUser('user')).username;
    for (let i = 0; i < 12; i++) {
      await postForm(t, '/auth/token', {
        grant_type: 'password',
        username,
        password: 'wrong-password-x',
      });
    }
    const text = (await metrics(adminToken)).text;
    expect(
      Number(/^scopegate_login_failures_total (\d+)$/m.exec(text)?.[1]),
    ).toBeGreaterThanOrEqual(10);
    expect(
      Number(/^scopegate_logins_throttled_total (\d+)$/m.exec(text)?.[1]),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /^scopegate_cache_lookups_total\{cache="verified_token",result="hit"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^scopegate_cache_lookups_total\{cache="user_state",result="(hit|miss)"\} [1-9]/m,
    );
  });
});
