import {
  expandScopes,
  MAX_SCOPE_EXPANSIONS,
  scopeExpansionsKept,
  ALL_SCOPES,
} from '../../../src/common/authz/scope-table';
import { getRepositoryToken } from '@nestjs/typeorm';
import {
  DatabaseAccessTokenDenylist,
  MAX_DATABASE_DENYLIST_ANSWERS,
} from '../../../src/auth/revocation/database-access-token-denylist';
import { RevokedAccessTokenEntity } from '../../../src/auth/revocation/revoked-access-token.entity';
import { cacheLookups } from '../../../src/common/metrics/metrics';
import { MAX_USER_STATES, UserStateCache } from '../../../src/users/user-state-cache';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { postForm } from '../../support/oauth';

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

/**
 * Every in-process cache that callers feed is bounded, and keyed so that one value cannot take
 * many entries: tokens whose scopes come in every order share one scope expansion.
 */
describe('caches fed by callers', () => {
  let t: TestApp;
  let username: string;

  beforeAll(async () => {
    t = await startApp();
    username = (await t.createUser('editor')).username;
  });
  afterAll(() => t?.close());

  it('keeps one scope expansion for tokens carrying the same scopes in every order', async () => {
    const scopes = ['items:read', 'items:write', 'items:delete', 'orders:read'];
    const orders = permutations(scopes);
    // One after another: sign-ins in flight count against the failed-login limit until they succeed.
    const tokens: string[] = [];
    for (const order of orders) {
      const response = await postForm(t, '/auth/token', {
        grant_type: 'password',
        username,
        password: PASSWORD,
        scope: order.join(' '),
      });
      expect(response.status).toBe(200);
      tokens.push((response.body as { access_token: string }).access_token);
    }
    const [first, ...others] = tokens;
    expect((await t.http().get('/items').set(bearer(first))).status).toBe(200);
    const kept = scopeExpansionsKept();
    for (const token of others) {
      expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
    }
    expect(scopeExpansionsKept()).toBe(kept);
  });

  it('bounds the scope expansions however many distinct sets are asked for', () => {
    const subsets = Array.from({ length: 2 ** ALL_SCOPES.length }, (_, mask) =>
      ALL_SCOPES.filter((_, bit) => mask & (1 << bit)),
    );
    expect(subsets.length).toBeGreaterThan(MAX_SCOPE_EXPANSIONS);
    for (const subset of subsets) expandScopes(subset);
    expect(scopeExpansionsKept()).toBe(MAX_SCOPE_EXPANSIONS);
    expect([...expandScopes(['write'])]).toContain('items:read');
  });

  it('bounds the user-state cache, reloading what it let go', async () => {
    const cache = new UserStateCache<string | null>(null);
    const loads = new Map<string, number>();
    const get = (id: string) =>
      cache.get(id, async () => {
        loads.set(id, (loads.get(id) ?? 0) + 1);
        return id === 'gone' ? null : `state-${id}`;
      });
    expect(await get('gone')).toBeNull();
    expect(await get('gone')).toBeNull();
    expect(loads.get('gone')).toBe(1);
    for (let i = 0; i < MAX_USER_STATES; i++) await get(`u${i}`);
    expect(await get('gone')).toBeNull();
    expect(loads.get('gone')).toBe(2);
    expect(await get(`u${MAX_USER_STATES - 1}`)).toBe(`state-u${MAX_USER_STATES - 1}`);
    expect(loads.get(`u${MAX_USER_STATES - 1}`)).toBe(1);
  });

  it('bounds the denylist answers kept from the database, asking again for what it let go', async () => {
    const denylist = new DatabaseAccessTokenDenylist(
      t.app.get(getRepositoryToken(RevokedAccessTokenEntity)),
    );
    const reads = async () =>
      (await cacheLookups.get()).values.find(
        ({ labels }) => labels.cache === 'access_token_denylist' && labels.result === 'miss',
      )?.value ?? 0;
    const before = await reads();
    expect(await denylist.has('first')).toBe(false);
    expect(await denylist.has('first')).toBe(false);
    expect(await reads()).toBe(before + 1);
    for (let i = 0; i < MAX_DATABASE_DENYLIST_ANSWERS; i++) await denylist.has(`t${i}`);
    const filled = await reads();
    expect(await denylist.has('first')).toBe(false);
    expect(await reads()).toBe(filled + 1);
  });
});
