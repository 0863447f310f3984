import { bearer, startApp, TestApp } from '../../support/app';
import { passwordGrantVia, postForm, refreshVia } from '../../support/oauth';

const CLIENT = 'scopegate-web';

/**
 * A revocation holds at the very next request of a token in use, however many revocations and
 * requests race, although the instance keeps its denylist answers for the tokens in use: read from
 * the database without Redis, from Redis with it (`npm run test:services`).
 */
describe('revocations of tokens in use', () => {
  let t: TestApp;
  let username: string;

  beforeAll(async () => {
    t = await startApp();
    username = (await t.createUser('user')).username;
  });
  afterAll(() => t?.close());

  const signIn = () => passwordGrantVia(t, username, CLIENT);
  const refresh = (token: string) => refreshVia(t, token, CLIENT);
  const statuses = (tokens: string[], times = 3) =>
    Promise.all(
      tokens.flatMap((token) =>
        Array.from({ length: times }, () => t.http().get('/items').set(bearer(token))),
      ),
    ).then((responses) => new Set(responses.map((response) => response.status)));

  it('refuses every token of a burst of revocations at its next request', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push((await signIn()).access_token);
    expect(await statuses(tokens)).toEqual(new Set([200]));

    const [revoked] = await Promise.all([
      Promise.all(tokens.map((token) => postForm(t, '/auth/revoke', { token, client_id: CLIENT }))),
      statuses(tokens),
    ]);
    expect(new Set(revoked.map((response) => response.status))).toEqual(new Set([200]));

    expect(await statuses(tokens)).toEqual(new Set([401]));
  });

  it('refuses every access token of a chain ended by a replayed refresh token', async () => {
    const first = await signIn();
    const rotated = await refresh(first.refresh_token);
    expect(rotated.status).toBe(200);
    const second = rotated.body as { access_token: string };
    const chain = [first.access_token, second.access_token];
    expect(await statuses(chain)).toEqual(new Set([200]));

    const replayed = await refresh(first.refresh_token);
    expect(replayed.status).toBe(400);

    expect(await statuses(chain)).toEqual(new Set([401]));
  });
});
