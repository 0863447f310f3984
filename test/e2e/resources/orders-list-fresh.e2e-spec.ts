import { DataSource } from 'typeorm';
import { ItemsService } from '../../../src/items/items.service';
import { cacheLookups } from '../../../src/common/metrics/metrics';
import { bearer, startApp, TestApp } from '../../support/app';

interface Listed {
  data: Array<{ id: string; userId: string; status: string }>;
  total: number;
}

/**
 * Promise: on SQLite, GET /orders answers a page kept from an earlier request only while the
 * database is unchanged. Every change shows in the very next list, whoever made it: this app
 * (place, pay, cancel, in a burst of lists), or another connection to the database. A kept page
 * is one user's, never another's. On PostgreSQL nothing is kept, and the same holds.
 */
describe('GET /orders after changes', () => {
  let t: TestApp;
  let ann: { id: string; token: string };
  let ben: { id: string; token: string };
  let cashier: string;
  let itemId: string;
  let sqlite: boolean;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0' });
    const user = async () => {
      const { id, username } = await t.createUser('user');
      return { id, token: await t.token(username) };
    };
    ann = await user();
    ben = await user();
    cashier = await t.token((await t.createUser('admin')).username, 'admin payments:process');
    itemId = (await t.app.get(ItemsService).create({ name: 'mug', priceCents: 900, stock: 500 }))
      .id;
    sqlite = t.app.get(DataSource).options.type !== 'postgres';
  });
  afterAll(() => t.close());

  const list = async (token: string, query = '') => {
    const response = await t.http().get(`/orders${query}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as Listed;
  };
  const burst = (token: string, query = '') =>
    Promise.all(Array.from({ length: 30 }, () => list(token, query)));
  const place = async (token: string) => {
    const response = await t
      .http()
      .post('/orders')
      .set(bearer(token))
      .send({ lines: [{ itemId, quantity: 1 }] });
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  };
  const statusIn = (page: Listed, id: string) => page.data.find((order) => order.id === id)?.status;
  const kept = async () =>
    (await cacheLookups.get()).values.find(
      ({ labels }) => labels.cache === 'orders_page' && labels.result === 'hit',
    )?.value ?? 0;

  it('keeps a page between requests on SQLite only', async () => {
    await place(ann.token);
    const before = await kept();
    await list(ann.token);
    await list(ann.token);
    expect(await kept()).toBe(sqlite ? before + 1 : 0);
  });

  it('shows a placed, a cancelled and a paid order in every list that follows, in bursts', async () => {
    const first = await place(ann.token);
    const second = await place(ann.token);
    await Promise.all([
      burst(ann.token),
      t.http().post(`/orders/${first}/cancel`).set(bearer(ann.token)).expect(200),
    ]);
    for (const page of await burst(ann.token)) expect(statusIn(page, first)).toBe('cancelled');

    await Promise.all([
      burst(ann.token),
      t.http().post(`/orders/${second}/pay`).set(bearer(cashier)).expect(200),
    ]);
    for (const page of await burst(ann.token)) expect(statusIn(page, second)).toBe('paid');

    const total = (await list(ann.token)).total;
    const [, third] = await Promise.all([burst(ann.token), place(ann.token)]);
    for (const page of await burst(ann.token)) {
      expect(page.total).toBe(total + 1);
      expect(statusIn(page, third)).toBe('pending');
    }
  });

  it('shows a change another connection committed in the very next list', async () => {
    const id = await place(ann.token);
    expect(statusIn(await list(ann.token), id)).toBe('pending');
    expect(statusIn(await list(ann.token), id)).toBe('pending');
    const options = t.app.get(DataSource).options;
    const other = await new DataSource({ ...options, entities: [], migrations: [] }).initialize();
    try {
      const placeholder = options.type === 'postgres' ? '$1' : '?';
      await other.query(`UPDATE "orders" SET "status" = 'paid' WHERE "id" = ${placeholder}`, [id]);
    } finally {
      await other.destroy();
    }
    expect(statusIn(await list(ann.token), id)).toBe('paid');
  });

  it('never answers one user with a page kept for another, with the same query', async () => {
    const query = '?limit=5&offset=0';
    await list(ann.token, query);
    const [anns, bens] = await Promise.all([burst(ann.token, query), burst(ben.token, query)]);
    for (const page of anns) expect(page.data.every((order) => order.userId === ann.id)).toBe(true);
    for (const page of bens) expect(page).toMatchObject({ data: [], total: 0 });
    await place(ben.token);
    for (const page of await burst(ben.token, query)) {
      expect(page.data.map((order) => order.userId)).toEqual([ben.id]);
    }
  });
});
