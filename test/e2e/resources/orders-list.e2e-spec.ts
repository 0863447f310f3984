import { DataSource } from 'typeorm';
import { ItemsService } from '../../../src/items/items.service';
import { OrderLineEntity } from '../../../src/orders/order-line.entity';
import { bearer, startApp, TestApp, uniqueName } from '../../support/app';

interface Order {
  id: string;
  lines: Array<{ itemId: string; quantity: number; unitPriceCents: number }>;
}

/**
 * GET /orders reads a page's lines apart from the page: each listed order must still be the very
 * order GET /orders/:id answers, its lines in the order placed, on offset and cursor pages alike.
 */
describe('orders list: each order with its lines', () => {
  let t: TestApp;
  let carol: string;
  const placed: Order[] = [];

  beforeAll(async () => {
    t = await startApp();
    carol = await t.token((await t.createUser('user')).username);
    const items = await Promise.all(
      [100, 200, 300, 400].map(async (priceCents) => {
        const item = await t.app.get(ItemsService).create({
          name: uniqueName('item'),
          priceCents,
          stock: 100,
        });
        return item.id;
      }),
    );
    // Orders of one to four lines, the items in a different order each time.
    for (let n = 1; n <= 4; n++) {
      const lines = items.slice(0, n).map((itemId, i) => ({ itemId, quantity: i + 1 }));
      if (n % 2 === 0) lines.reverse();
      const response = await t.http().post('/orders').set(bearer(carol)).send({ lines });
      expect(response.status).toBe(201);
      placed.push(response.body as Order);
    }
    // Positions that contradict the rows' insertion order: the last line placed comes first.
    const reordered = placed[3];
    await t.app
      .get(DataSource)
      .getRepository(OrderLineEntity)
      .query(
        'UPDATE order_lines SET position = 3 - position WHERE "orderId" = ' +
          (t.app.get(DataSource).options.type === 'postgres' ? '$1' : '?'),
        [reordered.id],
      );
    reordered.lines.reverse();
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set(bearer(carol));
  /** The lines each listed order was placed with (orders tie on createdAt, so by id). */
  const placedLinesOf = (listed: Order[]) =>
    listed.map(({ id }) => placed.find((order) => order.id === id)?.lines);

  it('lists each order as GET /orders/:id shows it, lines in their positions', async () => {
    const list = await get('/orders?limit=100');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 4, limit: 100, offset: 0, next: null });
    const listed = list.body.data as Order[];
    expect(listed.map((order) => order.lines)).toEqual(placedLinesOf(listed));
    for (const order of listed) {
      expect(order).toEqual((await get(`/orders/${order.id}`)).body);
    }
  });

  it('keeps each order’s lines whole across offset and cursor pages', async () => {
    const byOffset: Order[] = [];
    for (let offset = 0; offset < 4; offset += 3) {
      byOffset.push(...(await get(`/orders?limit=3&offset=${offset}`)).body.data);
    }
    const first = await get('/orders?limit=3');
    const second = await get(`/orders?limit=3&after=${first.body.next}`);
    expect(second.body.next).toBeNull();
    const byCursor: Order[] = [...first.body.data, ...second.body.data];
    for (const pages of [byOffset, byCursor]) {
      expect(new Set(pages.map((order) => order.id)).size).toBe(4);
      expect(pages.map((order) => order.lines)).toEqual(placedLinesOf(pages));
    }
  });
});
