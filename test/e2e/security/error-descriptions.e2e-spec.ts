import fc from 'fast-check';
import { PASSWORD, startApp, TestApp } from '../../support/app';
import { pkce, registerShopApp } from '../../support/authorize';
import { ERROR_DESCRIPTION_CHARSET, errorDescriptions } from '../../support/oauth';

const CALLBACK = 'https://app.example.com/callback';
/** Attacker text: what a phishing message would carry, with bytes the charset excludes. */
const BAIT = 'PHISH "call +1 555 0100" \\ é';
const RUNS = 300;

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

/**
 * Promise (RFC 6749 sections 4.1.2.1 and 5.2): an error_description, wherever scopegate sends one
 * (a JSON body, a redirect to the client, a WWW-Authenticate challenge), is scopegate's own text,
 * never the caller's: nothing an attacker wrote (a parameter's name or value) comes back in it,
 * and it stays within the charset the RFC allows.
 */
describe('error descriptions carry no attacker text', () => {
  let t: TestApp;
  let clientId: string;
  let refreshToken: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0', THROTTLE_TOKEN_PER_MINUTE: '100000' });
    clientId = await registerShopApp(t, CALLBACK);
    const user = await t.createUser('user');
    const login = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: user.username, password: PASSWORD });
    refreshToken = login.body.refresh_token;
  });
  afterAll(() => t.close());

  const inject = async (method: 'GET' | 'POST', url: string, form?: string, auth?: string) =>
    (await t.app.inject({
      method,
      url,
      payload: form,
      headers: {
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        ...(auth === undefined ? {} : { authorization: auth }),
      },
    })) as unknown as Answer;
  const form = (pairs: Array<[string, string]>) => new URLSearchParams(pairs).toString();
  /** A valid authorization request with `extra` pairs after it. */
  const authorize = (extra: Array<[string, string]>, replace: Record<string, string> = {}) => {
    const pairs = Object.entries({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: CALLBACK,
      scope: 'items:read',
      state: 's',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      ...replace,
    });
    return inject('GET', `/auth/authorize?${form([...pairs, ...extra])}`);
  };

  const expectOwnText = (answer: Answer, where: string) => {
    const descriptions = errorDescriptions(answer);
    expect({ where, count: descriptions.length }).toEqual({ where, count: 1 });
    for (const description of descriptions) {
      expect({ where, description }).toEqual({
        where,
        description: expect.stringMatching(ERROR_DESCRIPTION_CHARSET),
      });
      expect({ where, description }).toEqual({
        where,
        description: expect.not.stringMatching(/phish|555|call/i),
      });
    }
  };

  it('on the token, revocation and introspection endpoints, and in bearer challenges', async () => {
    const cases: Array<[string, Promise<Answer>]> = [
      [
        'a repeated parameter named by the attacker',
        inject(
          'POST',
          '/auth/token',
          form([
            ['grant_type', 'client_credentials'],
            [BAIT, '1'],
            [BAIT, '2'],
          ]),
        ),
      ],
      [
        'a NUL in a parameter name',
        inject(
          'POST',
          '/auth/token',
          form([
            ['grant_type', 'client_credentials'],
            [`${BAIT}\0`, '1'],
          ]),
        ),
      ],
      [
        'a NUL in a parameter value',
        inject(
          'POST',
          '/auth/token',
          form([
            ['grant_type', 'client_credentials'],
            ['x', `${BAIT}\0`],
          ]),
        ),
      ],
      ['an unsupported grant_type', inject('POST', '/auth/token', form([['grant_type', BAIT]]))],
      [
        'an unknown scope',
        inject(
          'POST',
          '/auth/token',
          form([
            ['grant_type', 'client_credentials'],
            ['scope', 'PHISH:call-555-0100'],
          ]),
        ),
      ],
      [
        'a refresh beyond the original grant',
        inject(
          'POST',
          '/auth/token',
          form([
            ['grant_type', 'refresh_token'],
            ['refresh_token', refreshToken],
            ['scope', 'PHISH:call-555-0100 items:read'],
          ]),
        ),
      ],
      [
        'a revocation with a repeated parameter',
        inject(
          'POST',
          '/auth/revoke',
          form([
            ['token', 'x'],
            [BAIT, '1'],
            [BAIT, '2'],
          ]),
        ),
      ],
      [
        'an introspection with a NUL in a parameter name',
        inject(
          'POST',
          '/auth/introspect',
          form([
            ['token', 'x'],
            [`${BAIT}\0`, '1'],
          ]),
        ),
      ],
      [
        'an unknown client in HTTP Basic',
        inject(
          'POST',
          '/auth/token',
          form([['grant_type', 'client_credentials']]),
          `Basic ${Buffer.from(`${BAIT}:x`).toString('base64')}`,
        ),
      ],
      [
        'a forged bearer token',
        inject('GET', '/items', undefined, `Bearer ${encodeURIComponent(BAIT)}`),
      ],
    ];
    for (const [where, answer] of cases) expectOwnText(await answer, where);
  });

  it('in errors redirected to the client by the authorization endpoint', async () => {
    const cases: Array<[string, Promise<Answer>]> = [
      ['a NUL in an unknown parameter’s name', authorize([[`${BAIT}\0`, '1']])],
      ['a NUL in an unknown parameter’s value', authorize([['prompt', `${BAIT}\0`]])],
      ['an unknown scope', authorize([], { scope: 'PHISH:call-555-0100' })],
      ['an unknown response_type', authorize([], { response_type: BAIT })],
      ['an unknown code_challenge_method', authorize([], { code_challenge_method: BAIT })],
      ['a repeated scope', authorize([['scope', BAIT]])],
    ];
    for (const [where, promise] of cases) {
      const answer = await promise;
      expect({ where, status: answer.statusCode }).toEqual({ where, status: 303 });
      expectOwnText(answer, where);
    }
  });

  it(`keeps every generated parameter’s text out of every description (${RUNS} requests)`, async () => {
    const bait = fc
      .tuple(
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.string({ unit: 'binary', maxLength: 8 }),
      )
      .map(([before, after]) => `${before}PHISH${after}`);
    const pairs = fc.array(
      fc.tuple(
        fc.oneof(
          bait,
          fc.constantFrom('grant_type', 'scope', 'client_id', 'token', 'response_type', 'state'),
        ),
        fc.oneof(bait, fc.constantFrom('client_credentials', 'refresh_token', 'code', 'S256')),
      ),
      { minLength: 1, maxLength: 4 },
    );
    const request = fc.oneof(
      pairs.map((extra) => ({ kind: 'token' as const, extra })),
      pairs.map((extra) => ({ kind: 'revoke' as const, extra })),
      pairs.map((extra) => ({ kind: 'authorize' as const, extra })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ kind, extra }) => {
        const answer =
          kind === 'authorize'
            ? await authorize(extra)
            : await inject('POST', `/auth/${kind}`, form(extra));
        expect(answer.statusCode).toBeLessThan(500);
        for (const description of errorDescriptions(answer)) {
          expect(description).toMatch(ERROR_DESCRIPTION_CHARSET);
          expect(description).not.toMatch(/phish/i);
        }
      }),
      { numRuns: RUNS, seed: 20261201, endOnFailure: true },
    );
  });
});
