import { ItemsService } from '../../../src/items/items.service';
import { bearer, startApp, TestApp, uniqueName } from '../../support/app';

interface Listed {
  id: string;
  createdAt: string;
}

/**
 * The cursor contract of every list (`?after=` and `next`), on the database the suite runs on:
 * SQLite keeps whole seconds (many ties, broken by id), PostgreSQL microseconds (finer than a
 * JavaScript Date, so a cursor must carry the database's own value).
 */
describe('keyset pagination: ?after= and next', () => {
  let t: TestApp;
  let editor: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let admin: string;

  const newItem = async () =>
    (await t.app.get(ItemsService).create({ name: uniqueName('item'), priceCents: 100, stock: 50 }))
      .id;
  const get = (path: string, token = editor) => t.http().get(path).set(bearer(token));
  const userWithToken = async () => {
    const user = await t.createUser('user');
    return { id: user.id, token: await t.token(user.username) };
  };

  /** Every page of `path` through `next`, with a hook between pages. */
  async function walk(
    path: string,
    token = editor,
    between: () => Promise<unknown> = async () => {},
  ) {
    const seen: Listed[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const url: string = next ? `${path}${separator}after=${next}` : path;
      const page = await get(url, token);
      expect(page.status).toBe(200);
      seen.push(...(page.body.data as Listed[]));
      next = page.body.next;
      pages += 1;
      await between();
    } while (next !== null);
    return { seen, pages };
  }

  beforeAll(async () => {
    t = await startApp();
    const editorUser = await t.createUser('editor');
    editor = await t.token(editorUser.username);
    alice = await userWithToken();
    bob = await userWithToken();
    admin = await t.token((await t.createUser('admin')).username);
    for (let i = 0; i < 23; i++) await newItem();
  });
  afterAll(() => t.close());

  it('walks every record once, in the order of the offset pages, and ends with next: null', async () => {
    const everything = await get('/items?limit=100&offset=0');
    const { seen, pages } = await walk('/items?limit=5');
    expect(seen.map((item) => item.id)).toEqual(
      everything.body.data.map((item: Listed) => item.id),
    );
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seen.length / 5));
    expect(everything.body.next).toBeNull();
  });

  it('keeps its place while records are added: no record twice, none of the first ones missed', async () => {
    const before = (await get('/items?limit=100')).body.data.map((item: Listed) => item.id);
    const { seen } = await walk('/items?limit=4', editor, () =>
      Promise.all([newItem(), newItem()]),
    );
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => before.includes(id))).toEqual(before);
    // Records made during the walk come after those made before it (oldest first, id breaking ties).
    const order = (await get('/items?limit=100')).body.data.map((item: Listed) => item.id);
    expect(ids).toEqual(order.filter((id: string) => ids.includes(id)));
  });

  it('answers total on request only once a cursor is used, and offset only on offset pages', async () => {
    const first = await get('/items?limit=2');
    expect(first.body).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
    expect(first.body.next).toEqual(expect.any(String));

    const cheap = await get('/items?limit=2&count=false');
    expect(cheap.body).not.toHaveProperty('total');
    expect(cheap.body.next).toBe(first.body.next);

    const second = await get(`/items?limit=2&after=${first.body.next}`);
    expect(second.body).not.toHaveProperty('total');
    expect(second.body).not.toHaveProperty('offset');
    const counted = await get(`/items?limit=2&after=${first.body.next}&count=true`);
    expect(counted.body.total).toBe(first.body.total);
    expect(counted.body.data).toEqual(second.body.data);
  });

  it('refuses a tampered, garbled or foreign cursor with 400, in the NestJS error shape', async () => {
    const { next } = (await get('/items?limit=2')).body as { next: string };
    const [payload, mac] = next.split('.');
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const usersCursor = (await get('/users?limit=1', admin)).body.next as string;
    for (const after of [
      `${flip(payload, 3)}.${mac}`,
      `${payload}.${flip(mac, 0)}`,
      `${payload}.${mac}.${mac}`,
      `${payload}.`,
      'abc.def',
      usersCursor,
    ]) {
      const response = await get(`/items?after=${encodeURIComponent(after)}`);
      expect({ after, status: response.status }).toEqual({ after, status: 400 });
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.anything(),
      });
    }
  });

  it('refuses after with offset, and hostile or repeated values, with 400', async () => {
    const { next } = (await get('/items?limit=2')).body as { next: string };
    for (const query of [
      `after=${next}&offset=0`,
      `after=${next}&after=${next}`,
      `after=${'A'.repeat(300)}.${'B'.repeat(22)}`,
      'after=%00.abc',
      'after=%ED%A0%80.abc',
      'count=yes',
      'count=true&count=false',
      'limit=99999999999999999999',
    ]) {
      const response = await get(`/items?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it('walks users the same way', async () => {
    const { seen } = await walk('/users?limit=2', admin);
    const all = (await get('/users?limit=100', admin)).body.data.map((user: Listed) => user.id);
    expect(seen.map((user) => user.id)).toEqual(all);
  });

  describe('orders', () => {
    beforeAll(async () => {
      const itemId = await newItem();
      for (const owner of [alice, bob, alice, alice, bob, alice]) {
        const placed = await t
          .http()
          .post('/orders')
          .set(bearer(owner.token))
          .send({
            lines: [{ itemId, quantity: 1 }],
          });
        expect(placed.status).toBe(201);
      }
    });

    it('walks only the caller’s own orders, with their lines', async () => {
      const { seen } = await walk('/orders?limit=3', alice.token);
      expect(seen).toHaveLength(4);
      expect(
        seen.every((order) => (order as Listed & { userId: string }).userId === alice.id),
      ).toBe(true);
      expect(
        seen.every((order) => (order as Listed & { lines: unknown[] }).lines.length === 1),
      ).toBe(true);
    });

    it('walks everyone’s orders for an admin', async () => {
      const { seen } = await walk('/orders?limit=4', admin);
      const owners = new Set(seen.map((order) => (order as Listed & { userId: string }).userId));
      expect(owners).toEqual(new Set([alice.id, bob.id]));
    });

    it('refuses another user’s cursor, and an admin’s, instead of showing what follows it', async () => {
      const alicesNext = (await get('/orders?limit=1', alice.token)).body.next as string;
      const adminsNext = (await get('/orders?limit=1', admin)).body.next as string;
      for (const after of [alicesNext, adminsNext]) {
        const response = await get(`/orders?after=${after}`, bob.token);
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body)).not.toContain(alice.id);
      }
    });
  });
});
