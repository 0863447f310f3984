import { DataSource } from 'typeorm';
import { ItemsService } from '../../../src/items/items.service';
import { OrderLineEntity } from '../../../src/orders/order-line.entity';
import { bearer, startApp, TestApp, uniqueName } from '../../support/app';

describe('orders: ownership, stock and payment', () => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  let adminToken: string;
  let cashier: string;

  beforeAll(async () => {
    t = await startApp();
    alice = await t.token((await t.createUser('user')).username);
    bob = await t.token((await t.createUser('user')).username);
    const admin = await t.createUser('admin');
    adminToken = await t.token(admin.username);
    cashier = await t.token(admin.username, 'payments:process');
  });
  afterAll(() => t.close());

  const newItem = async (stock: number, priceCents = 250) =>
    (await t.app.get(ItemsService).create({ name: uniqueName('item'), priceCents, stock })).id;
  const stockOf = async (id: string) => (await t.app.get(ItemsService).findById(id)).stock;
  const order = (token: string, lines: Array<{ itemId: string; quantity: number }>) =>
    t.http().post('/orders').set(bearer(token)).send({ lines });

  it('places an order: prices copied, total computed, stock taken', async () => {
    const cup = await newItem(10, 250);
    const mug = await newItem(5, 1000);
    const response = await order(alice, [
      { itemId: cup, quantity: 3 },
      { itemId: mug, quantity: 1 },
    ]);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      userId: expect.any(String),
      status: 'pending',
      lines: [
        { itemId: cup, quantity: 3, unitPriceCents: 250 },
        { itemId: mug, quantity: 1, unitPriceCents: 1000 },
      ],
      totalCents: 1750,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await stockOf(cup)).toBe(7);
    expect(await stockOf(mug)).toBe(4);

    await t.app.get(ItemsService).update(cup, { priceCents: 999 });
    const reread = await t.http().get(`/orders/${response.body.id}`).set(bearer(alice));
    expect(reread.body.lines[0].unitPriceCents).toBe(250);
  });

  it('refuses too little stock with 409 and takes nothing, not even for the other lines', async () => {
    const plenty = await newItem(10);
    const scarce = await newItem(1);
    const response = await order(alice, [
      { itemId: plenty, quantity: 2 },
      { itemId: scarce, quantity: 2 },
    ]);
    expect(response.status).toBe(409);
    expect(response.body.message).toContain(scarce);
    expect(await stockOf(plenty)).toBe(10);
    expect(await stockOf(scarce)).toBe(1);
  });

  it('refuses an unknown item with 400 and takes nothing', async () => {
    const real = await newItem(10);
    const response = await order(alice, [
      { itemId: real, quantity: 1 },
      { itemId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
    ]);
    expect(response.status).toBe(400);
    expect(await stockOf(real)).toBe(10);
  });

  it('refuses a deleted item as unknown', async () => {
    const gone = await newItem(10);
    await t.app.get(ItemsService).remove(gone);
    expect((await order(alice, [{ itemId: gone, quantity: 1 }])).status).toBe(400);
  });

  it('validates lines: quantity an integer 1-1000, each item once, at least one line', async () => {
    const item = await newItem(10);
    const bad = [
      [],
      [{ itemId: item, quantity: 0 }],
      [{ itemId: item, quantity: 1001 }],
      [{ itemId: item, quantity: 1.5 }],
      [{ itemId: item, quantity: '2' }],
      [{ itemId: 'not-a-uuid', quantity: 1 }],
      [{ itemId: item, quantity: 1, price: 0 }],
      [
        { itemId: item, quantity: 1 },
        { itemId: item, quantity: 1 },
      ],
    ];
    for (const lines of bad) {
      const response = await t.http().post('/orders').set(bearer(alice)).send({ lines });
      expect({ lines, status: response.status }).toEqual({ lines, status: 400 });
    }
    expect(await stockOf(item)).toBe(10);
  });

  it('never sells more than there is under concurrent orders', async () => {
    const item = await newItem(10);
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        order(i % 2 ? alice : bob, [{ itemId: item, quantity: 1 }]),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(await stockOf(item)).toBe(0);
    const sold = await t.app
      .get(DataSource)
      .getRepository(OrderLineEntity)
      .sum('quantity', { itemId: item });
    expect(sold).toBe(10);
  });

  it('keeps every accepted order when failing orders roll back at the same time', async () => {
    // Two items: the first one updated (ids sort first) has plenty, the second none, so each
    // failing order takes stock of the first and must give it back on rollback.
    const [plenty, none] = [await newItem(0), await newItem(0)].sort();
    await t.app.get(ItemsService).update(plenty, { stock: 1000 });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? order(alice, [{ itemId: plenty, quantity: 1 }])
          : order(bob, [
              { itemId: plenty, quantity: 1 },
              { itemId: none, quantity: 1 },
            ]),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(accepted).toHaveLength(20);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(20);
    expect(await stockOf(plenty)).toBe(980);
    for (const id of accepted) {
      expect((await t.http().get(`/orders/${id}`).set(bearer(alice))).status).toBe(200);
    }
  });

  describe('ownership', () => {
    let aliceOrder: string;

    beforeAll(async () => {
      aliceOrder = (await order(alice, [{ itemId: await newItem(5), quantity: 1 }])).body.id;
    });

    it('hides another user’s order: 404 on read and cancel, absent from the list', async () => {
      const read = await t.http().get(`/orders/${aliceOrder}`).set(bearer(bob));
      expect(read.status).toBe(404);
      const missing = await t
        .http()
        .get('/orders/00000000-0000-4000-8000-000000000000')
        .set(bearer(bob));
      expect(read.body).toEqual(missing.body);
      expect((await t.http().post(`/orders/${aliceOrder}/cancel`).set(bearer(bob))).status).toBe(
        404,
      );
      const list = await t.http().get('/orders?limit=100').set(bearer(bob));
      expect(list.body.data.map((o: { id: string }) => o.id)).not.toContain(aliceOrder);
      expect((await t.http().get(`/orders/${aliceOrder}`).set(bearer(alice))).body.status).toBe(
        'pending',
      );
    });

    it('lets admin see everyone’s orders', async () => {
      expect((await t.http().get(`/orders/${aliceOrder}`).set(bearer(adminToken))).status).toBe(
        200,
      );
      const list = await t.http().get('/orders?limit=100').set(bearer(adminToken));
      expect(list.body.data.map((o: { id: string }) => o.id)).toContain(aliceOrder);
    });

    it('lists only the caller’s orders, paginated', async () => {
      const list = await t.http().get('/orders?limit=1&offset=0').set(bearer(alice));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ limit: 1, offset: 0, data: [expect.any(Object)] });
      expect(list.body.total).toBeGreaterThan(1);
    });
  });

  describe('cancel and pay', () => {
    it('cancels an own pending order and returns its stock; a second cancel is 409', async () => {
      const item = await newItem(5);
      const placed = (await order(alice, [{ itemId: item, quantity: 3 }])).body;
      expect(await stockOf(item)).toBe(2);
      const cancelled = await t.http().post(`/orders/${placed.id}/cancel`).set(bearer(alice));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await stockOf(item)).toBe(5);
      expect((await t.http().post(`/orders/${placed.id}/cancel`).set(bearer(alice))).status).toBe(
        409,
      );
      expect(await stockOf(item)).toBe(5);
    });

    it('pays a pending order once; paying twice or paying a cancelled order is 409', async () => {
      const item = await newItem(5);
      const placed = (await order(alice, [{ itemId: item, quantity: 1 }])).body;
      const paid = await t.http().post(`/orders/${placed.id}/pay`).set(bearer(cashier));
      expect(paid.status).toBe(200);
      expect(paid.body.status).toBe('paid');
      expect((await t.http().post(`/orders/${placed.id}/pay`).set(bearer(cashier))).status).toBe(
        409,
      );
      expect((await t.http().post(`/orders/${placed.id}/cancel`).set(bearer(alice))).status).toBe(
        409,
      );

      const other = (await order(alice, [{ itemId: item, quantity: 1 }])).body;
      await t.http().post(`/orders/${other.id}/cancel`).set(bearer(alice));
      expect((await t.http().post(`/orders/${other.id}/pay`).set(bearer(cashier))).status).toBe(
        409,
      );
    });

    it('answers 404 to paying an order that does not exist', async () => {
      const response = await t
        .http()
        .post('/orders/00000000-0000-4000-8000-000000000000/pay')
        .set(bearer(cashier));
      expect(response.status).toBe(404);
    });
  });
});
