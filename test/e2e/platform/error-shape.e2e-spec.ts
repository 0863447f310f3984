import { bearer, startApp, TestApp } from '../../support/app';
import { postForm, registerClient } from '../../support/oauth';

const errorShape = (statusCode: number, error: string) => ({
  statusCode,
  error,
  message: expect.any(String),
});

/**
 * Promise: every JSON error outside the OAuth endpoints is `{statusCode, error, message}` —
 * Fastify's own (malformed JSON, 413, 415) and the throttler's 429 included — while the OAuth
 * endpoints speak RFC 6749, even about a body they cannot parse.
 */
describe('one error shape', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '30' });
    admin = await t.token((await t.createUser('admin')).username);
  });
  afterAll(() => t.close());

  const postItem = (contentType: string, body: string) =>
    t.http().post('/items').set(bearer(admin)).set('Content-Type', contentType).send(body);

  it('names the status of Fastify’s own errors: malformed JSON, 413 and 415', async () => {
    expect((await postItem('application/json', '{"name": ')).body).toEqual(
      errorShape(400, 'Bad Request'),
    );
    const huge = JSON.stringify({ name: 'x'.repeat(110 * 1024) });
    expect((await postItem('application/json', huge)).body).toEqual(
      errorShape(413, 'Payload Too Large'),
    );
    expect((await postItem('application/xml', '<item/>')).body).toEqual(
      errorShape(415, 'Unsupported Media Type'),
    );
    expect((await t.http().get('/nowhere')).body).toEqual(errorShape(404, 'Not Found'));
  });

  it('answers a malformed body at the OAuth endpoints with invalid_request, never cached', async () => {
    for (const path of ['/auth/token', '/auth/revoke', '/auth/introspect']) {
      const response = await t
        .http()
        .post(path)
        .set('Content-Type', 'application/json')
        .send('{"grant_type": ');
      expect({
        status: response.status,
        body: response.body,
        cacheControl: response.headers['cache-control'],
        pragma: response.headers.pragma,
      }).toEqual({
        status: 400,
        body: { error: 'invalid_request', error_description: expect.any(String) },
        cacheControl: 'no-store',
        pragma: 'no-cache',
      });
    }
  });

  it('says a missing token is missing, and lets introspection use client_secret_post', async () => {
    const client = await registerClient(t, admin, ['items:read']);
    const missing = await postForm(t, '/auth/introspect', {}, client);
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: 'The parameter token is missing',
    });
    const posted = await postForm(t, '/auth/introspect', {
      token: 'not-a-token',
      client_id: client.id,
      client_secret: client.secret,
    });
    expect({ status: posted.status, body: posted.body }).toEqual({
      status: 200,
      body: { active: false },
    });
    const anonymous = await postForm(t, '/auth/introspect', { token: 'not-a-token' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="scopegate"');
  });

  it('challenges a client token on a route that acts for a user', async () => {
    const client = await registerClient(t, admin, ['orders:write']);
    const token = (await postForm(t, '/auth/token', { grant_type: 'client_credentials' }, client))
      .body.access_token;
    for (const call of [
      t.http().get('/users/me').set(bearer(token)),
      t
        .http()
        .post('/orders')
        .set(bearer(token))
        .send({ lines: [{ itemId: '0b6e0b1e-8a39-4a55-9d63-9f1b1c9b7a11', quantity: 1 }] }),
    ]) {
      const response = await call;
      expect(response.status).toBe(403);
      expect(response.body).toEqual(errorShape(403, 'Forbidden'));
      expect(response.headers['www-authenticate']).toMatch(
        /^Bearer realm="scopegate", error="insufficient_scope"/,
      );
    }
  });

  it('gives the general request limit’s 429 the same shape, with Retry-After', async () => {
    const list = () => t.http().get('/items').set(bearer(admin));
    let response = await list();
    for (let i = 0; i < 40 && response.status !== 429; i++) response = await list();
    expect(response.body).toEqual(errorShape(429, 'Too Many Requests'));
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
