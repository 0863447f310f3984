import { bearer, startApp, TestApp } from '../../support/app';
import { passwordGrantVia, refreshVia } from '../../support/oauth';

const CLIENT = 'scopegate-web';
const CHAINS = 24;

type Pair = { access_token: string; refresh_token: string };

/**
 * RFC 9700 §4.14.2: a replayed refresh token ends its whole chain, also the link being rotated at
 * that very moment (on PostgreSQL a rotation in flight commits a new refresh token that a revocation
 * started before its commit does not see). Each chain's current token is refreshed while its
 * previous one is replayed, all chains at once; afterwards nothing of any chain works.
 */
describe('a replay racing with a rotation', () => {
  let t: TestApp;
  let username: string;

  beforeAll(async () => {
    t = await startApp();
    username = (await t.createUser('user')).username;
  });
  afterAll(() => t?.close());

  const refresh = (token: string) => refreshVia(t, token, CLIENT);

  it('leaves no token of the chain alive, whichever request wins', async () => {
    const chains: Pair[][] = [];
    // One after the other: sign-ins in flight count against the failed-login limit.
    for (let i = 0; i < CHAINS; i++) {
      const first = await passwordGrantVia(t, username, CLIENT);
      const second = await refresh(first.refresh_token);
      expect(second.status).toBe(200);
      chains.push([first, second.body as Pair]);
    }

    const raced = await Promise.all(
      chains.map(([first, second]) =>
        Promise.all([refresh(second.refresh_token), refresh(first.refresh_token)]),
      ),
    );
    const pairs = chains.flatMap(([first, second], i) => {
      const [rotation, replay] = raced[i];
      expect(replay.status).toBe(400);
      return rotation.status === 200 ? [first, second, rotation.body as Pair] : [first, second];
    });

    const [refreshes, requests] = await Promise.all([
      Promise.all(pairs.map((pair) => refresh(pair.refresh_token))),
      Promise.all(pairs.map((pair) => t.http().get('/items').set(bearer(pair.access_token)))),
    ]);
    expect(new Set(refreshes.map((response) => response.status))).toEqual(new Set([400]));
    expect(new Set(requests.map((response) => response.status))).toEqual(new Set([401]));
  });
});
