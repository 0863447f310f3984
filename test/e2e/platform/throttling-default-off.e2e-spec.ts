import { startApp, TestApp } from '../../support/app';

/**
 * THROTTLE_DEFAULT_PER_MINUTE=0 switches the per-route limit off: the guard then skips the routes
 * no throttler counts, decided once per route. The credential endpoints keep their ceiling, even
 * when other routes were decided first, and a burst of them sent at once is still cut at it.
 */
describe('throttling with the default limit off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '20',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => t.close());

  it('counts no request of an ordinary route, however many come at once', async () => {
    const burst = await Promise.all(
      Array.from({ length: 60 }, () =>
        t.http().get('/items').set('X-Forwarded-For', '203.0.113.20'),
      ),
    );
    expect(burst.map((response) => response.status)).toEqual(Array(60).fill(401));
    expect(burst.every((response) => response.headers['x-ratelimit-limit'] === undefined)).toBe(
      true,
    );
  });

  it('still caps a burst at the token endpoint, per address', async () => {
    const from = '203.0.113.21';
    const burst = await Promise.all(
      Array.from({ length: 30 }, () =>
        t
          .http()
          .post('/auth/token')
          .set('X-Forwarded-For', from)
          .type('form')
          .send({ grant_type: 'client_credentials' }),
      ),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(burst.find((response) => response.status === 400)?.headers['x-ratelimit-limit']).toBe(
      '20',
    );
    const elsewhere = await t
      .http()
      .post('/auth/token')
      .set('X-Forwarded-For', '203.0.113.22')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(elsewhere.status).toBe(400);
  });
});
