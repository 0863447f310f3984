import { PASSWORD, startApp, TestApp } from '../../support/app';

/** Waits as a refused client would: the seconds the server asked for in Retry-After. */
const waitRetryAfter = (response: { headers: Record<string, string> }) =>
  new Promise((resolve) =>
    setTimeout(resolve, Number(response.headers['retry-after']) * 1000 + 100),
  );

describe('throttling (contract section 3)', () => {
  let t: TestApp;
  let alice: { username: string };
  let bob: { username: string };

  beforeAll(async () => {
    t = await startApp({
      THROTTLE_LOGIN_FAILURES: '3',
      THROTTLE_LOGIN_WINDOW: '2',
      THROTTLE_TOKEN_PER_MINUTE: '40',
      THROTTLE_DEFAULT_PER_MINUTE: '30',
      TRUST_PROXY: 'true',
    });
    alice = await t.createUser('user');
    bob = await t.createUser('user');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, from: string) =>
    t
      .http()
      .post('/auth/token')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ grant_type: 'password', username, password });

  it('locks a username out from one address after the configured failures, until the window passes', async () => {
    const from = '203.0.113.1';
    for (let i = 0; i < 3; i++) {
      expect((await login(alice.username, 'wrong-password', from)).body.error).toBe(
        'invalid_grant',
      );
    }
    const locked = await login(alice.username, PASSWORD, from);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(locked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });

    expect((await login(alice.username, PASSWORD, '203.0.113.2')).status).toBe(200);
    expect((await login(bob.username, PASSWORD, from)).status).toBe(200);
    expect((await login(alice.username.toUpperCase(), PASSWORD, from)).status).toBe(429);

    await waitRetryAfter(locked);
    expect((await login(alice.username, PASSWORD, from)).status).toBe(200);
  });

  it('counts only failures: successful logins never lock anyone out', async () => {
    const from = '203.0.113.3';
    for (let i = 0; i < 6; i++)
      expect((await login(bob.username, PASSWORD, from)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(bob.username, 'wrong-password', from);
    expect((await login(bob.username, PASSWORD, from)).status).toBe(200);
  });

  it('caps token requests per address, whatever they are', async () => {
    const from = '203.0.113.4';
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      const response = await t
        .http()
        .post('/auth/token')
        .set('X-Forwarded-For', from)
        .type('form')
        .send({ grant_type: 'client_credentials' });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.slice(0, 40).every((status) => status === 400)).toBe(true);
    expect(statuses[40]).toBe(429);
    const elsewhere = await t
      .http()
      .post('/auth/token')
      .set('X-Forwarded-For', '203.0.113.5')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expect(elsewhere.status).toBe(400);
  });

  it('limits every other route generously per address, before authentication', async () => {
    const from = '203.0.113.6';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await t.http().get('/items').set('X-Forwarded-For', from)).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await t.http().get('/items').set('X-Forwarded-For', '203.0.113.7')).status).toBe(401);
  });
});
