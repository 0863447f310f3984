import request from 'supertest';
import { DOCS_CLIENT_ID, DOCS_REDIRECT_PATH } from '../../../src/clients/oauth-client';
import { dataDirs, PASSWORD, startApp, TestApp, uniqueName } from '../../support/app';
import { authorizePath, Browser, pkce, signIn } from '../../support/authorize';
import { SERVICES } from '../../support/services';

/**
 * The failed-login limit as an attacker tries it: guesses sent all at once, through the token
 * endpoint and through the sign-in page, and across a restart. At most LIMIT guesses for one
 * username from one address are ever checked against the password in a window.
 */
const LIMIT = 4;
const BURST = 40;
// On localhost, so that the pages' cookies are not Secure-only.
const ISSUER = 'http://localhost:3000';
const ENV = {
  THROTTLE_LOGIN_FAILURES: String(LIMIT),
  THROTTLE_LOGIN_WINDOW: '600',
  JWT_ISSUER: ISSUER,
};

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

// Without Redis the counters live in the database; with it, in Redis.
const setups = SERVICES.postgresUrl
  ? [
      { name: 'PostgreSQL + Redis', redis: true },
      { name: 'PostgreSQL without Redis', redis: false },
    ]
  : [{ name: 'SQLite', redis: false }];

describe.each(setups)('failed-login limit under attack ($name)', ({ redis }) => {
  const dataDir = dataDirs();
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = dataDir();
    t = await startApp(ENV, { dataDir: dir, redis });
  });
  afterAll(() => t?.close());

  const guess = (username: string, password: string) =>
    t.http().post('/auth/token').type('form').send({ grant_type: 'password', username, password });
  const burst = (username: string, passwordOf: (i: number) => string) =>
    Promise.all(
      Array.from({ length: BURST }, async (_, i) => (await guess(username, passwordOf(i))).status),
    );

  it(`checks exactly ${LIMIT} of ${BURST} concurrent wrong guesses; the others answer 429`, async () => {
    const user = await t.createUser('user');
    const statuses = await burst(user.username, (i) => `wrong-password-${i}`);
    expect(count(statuses, 400)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(BURST - LIMIT);

    const right = await guess(user.username, PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never signs in past the limit when the right password is among the concurrent guesses', async () => {
    const user = await t.createUser('user');
    const statuses = await burst(user.username, (i) =>
      i === BURST - 1 ? PASSWORD : `wrong-password-${i}`,
    );
    // A right password gives its attempt back, so one more wrong guess may be checked meanwhile;
    // but never more than LIMIT wrong ones, whatever the order the requests arrived in.
    const failures = count(statuses, 400);
    expect(failures).toBeLessThanOrEqual(LIMIT);
    expect(failures).toBeGreaterThanOrEqual(LIMIT - 1);
    expect(count(statuses, 200)).toBeLessThanOrEqual(1);
    expect(count(statuses, 429)).toBe(BURST - failures - count(statuses, 200));
  });

  it('gives the same limit to the sign-in form of the authorization pages, shared with the token endpoint', async () => {
    const user = await t.createUser('user');
    const browser: Browser = request.agent(t.app.getHttpServer());
    const page = await browser.get(
      authorizePath({
        response_type: 'code',
        client_id: DOCS_CLIENT_ID,
        redirect_uri: `${ISSUER}${DOCS_REDIRECT_PATH}`,
        scope: 'items:read',
        state: 'state-1',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(page.status).toBe(200);
    const statuses = await Promise.all(
      Array.from(
        { length: BURST },
        async (_, i) => (await signIn(browser, page.text, user.username, `wrong-${i}`)).status,
      ),
    );
    expect(count(statuses, 400)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(BURST - LIMIT);
    expect((await signIn(browser, page.text, user.username, PASSWORD)).status).toBe(429);
    expect((await guess(user.username, PASSWORD)).status).toBe(429);
  });

  it('checks exactly the credentials it counted: never a username or password from the query string', async () => {
    const victim = await t.createUser('user');
    for (let i = 0; i < LIMIT; i++) {
      expect((await guess(victim.username, `wrong-${i}`)).status).toBe(400);
    }
    expect((await guess(victim.username, PASSWORD)).status).toBe(429);

    // passport-local reads the query string when a body field is empty: the right password there,
    // with empty (uncounted) body fields, must not sign the locked-out victim in.
    const inQuery = new URLSearchParams({ username: victim.username, password: PASSWORD });
    const other = await t.createUser('user');
    const passwordInQuery = new URLSearchParams({ password: PASSWORD });
    const attempts = [
      t
        .http()
        .post(`/auth/token?${inQuery}`)
        .type('form')
        .send('grant_type=password&username=&password='),
      t.http().post(`/auth/token?${inQuery}`).type('form').send('grant_type=password'),
      t
        .http()
        .post(`/auth/token?${passwordInQuery}`)
        .type('form')
        .send(`grant_type=password&username=${other.username}&password=`),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: { error: 'invalid_request', error_description: expect.any(String) },
      });
    }
    expect((await guess(victim.username, PASSWORD)).status).toBe(429);
  });

  it('refuses an empty username or password before counting or checking it', async () => {
    const user = await t.createUser('user');
    const empties = await Promise.all(
      Array.from({ length: 2 * LIMIT }, (_, i) =>
        i % 2 ? guess(user.username, '') : guess('', `password-${i}`),
      ),
    );
    for (const answer of empties) {
      expect({ status: answer.status, error: answer.body.error }).toEqual({
        status: 400,
        error: 'invalid_request',
      });
    }
    expect((await guess(user.username, PASSWORD)).status).toBe(200);

    const browser: Browser = request.agent(t.app.getHttpServer());
    const page = await browser.get(
      authorizePath({
        response_type: 'code',
        client_id: DOCS_CLIENT_ID,
        redirect_uri: `${ISSUER}${DOCS_REDIRECT_PATH}`,
        scope: 'items:read',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    for (let i = 0; i < 2 * LIMIT; i++) {
      const answer = await signIn(browser, page.text, i % 2 ? user.username : '', i % 2 ? '' : 'x');
      expect(answer.status).toBe(400);
      expect(answer.headers['set-cookie'] ?? []).not.toContainEqual(
        expect.stringMatching(/^sg_session=/),
      );
    }
    expect((await signIn(browser, page.text, user.username, PASSWORD)).status).toBe(303);
  });

  it('keeps a lockout across a restart', async () => {
    const username = uniqueName('restart');
    await t.createUser('user', username);
    for (let i = 0; i < LIMIT; i++) expect((await guess(username, `wrong-${i}`)).status).toBe(400);
    expect((await guess(username, PASSWORD)).status).toBe(429);

    await t.close();
    t = await startApp(ENV, { dataDir: dir, redis });
    expect((await guess(username, PASSWORD)).status).toBe(429);
    expect((await guess(username.toUpperCase(), PASSWORD)).status).toBe(429);
  });

  it('gives a successful sign-in its attempt back: signing in often never locks anyone out', async () => {
    const user = await t.createUser('user');
    for (let i = 0; i < 3 * LIMIT; i++) {
      expect((await guess(user.username, PASSWORD)).status).toBe(200);
      if (i < LIMIT - 1) expect((await guess(user.username, 'wrong-password')).status).toBe(400);
    }
    expect((await guess(user.username, PASSWORD)).status).toBe(200);
  });
});
