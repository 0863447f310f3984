import { PASSWORD } from './options';
import { ADMIN } from './scopegate';

/** The routes measured, by what they stand for; each instance has its own item's id in `item`. */
export type RouteKey = 'item' | 'me' | 'orders';

/** What one scopegate instance holds for the bench, and what its answers look like. */
export interface Seeded {
  username: string;
  /** The bench user's access token (role `user`: scope "read orders:write"). */
  token: string;
  paths: Record<RouteKey, string>;
  /** Each path's JSON body as the user sees it, for the baseline and the FastAPI peer to serve. */
  bodies: Record<string, string>;
}

export const ORDER_COUNT = 20;

/**
 * Gives an instance what the routes read: a user, an item, and ORDER_COUNT orders of that user,
 * each with a line, all through the public API as a client would.
 */
export async function seed(url: string): Promise<Seeded> {
  const tokenFor = async (username: string, password: string) => {
    const response = await fetch(`${url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const call = async (method: string, path: string, token: string, body?: object) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.text();
  };

  const admin = await tokenFor(ADMIN.username, ADMIN.password);
  const username = 'bench-user';
  await call('POST', '/users', admin, { username, password: PASSWORD });
  const item = JSON.parse(
    await call('POST', '/items', admin, { name: 'Bench item', priceCents: 199, stock: 1_000_000 }),
  ) as { id: string };
  const token = await tokenFor(username, PASSWORD);
  for (let i = 0; i < ORDER_COUNT; i++)
    await call('POST', '/orders', token, { lines: [{ itemId: item.id, quantity: 1 }] });

  const paths = { item: `/items/${item.id}`, me: '/users/me', orders: '/orders' };
  const bodies: Record<string, string> = {};
  for (const path of Object.values(paths)) bodies[path] = await call('GET', path, token);
  return { username, token, paths, bodies };
}
