import { DataSource } from 'typeorm';
import { ClientsService } from '../../../src/clients/clients.service';
import { ItemsService } from '../../../src/items/items.service';
import { UserEntity } from '../../../src/users/user.entity';
import { bearer, startApp, TestApp } from '../../support/app';
import { postForm } from '../../support/oauth';

/** The same UUID with its letters in upper case, and in alternating case. */
const upper = (id: string) => id.toUpperCase();
const mixed = (id: string) =>
  [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

/**
 * Promise: ids match in any case, and are stored in the one canonical (lower-case) form, on SQLite
 * and, under test:services, on PostgreSQL (where an upper-case id once answered 500).
 */
describe('ids in any case', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0' });
    admin = await t.token((await t.createUser('admin')).username, 'admin');
  });
  afterAll(() => t.close());

  const json = (method: 'post' | 'patch', path: string, body: object) =>
    t.http()[method](path).set(bearer(admin)).send(body);
  const users = () => t.app.get(DataSource).getRepository(UserEntity);

  it.each([
    ['upper', upper],
    ['mixed', mixed],
  ])('finds, changes and orders an item by its id in %s case', async (_name, recase) => {
    const item = await t.app.get(ItemsService).create({ name: 'bowl', priceCents: 400, stock: 5 });
    const got = await t
      .http()
      .get(`/items/${recase(item.id)}`)
      .set(bearer(admin));
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(item.id);
    const patched = await json('patch', `/items/${recase(item.id)}`, { stock: 9 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: item.id, stock: 9 });

    const order = await json('post', '/orders', {
      lines: [{ itemId: recase(item.id), quantity: 2 }],
    });
    expect(order.status).toBe(201);
    expect(order.body.lines).toEqual([expect.objectContaining({ itemId: item.id, quantity: 2 })]);
    expect(order.body.totalCents).toBe(800);
    const db = t.app.get(DataSource);
    const placeholder = db.options.type === 'postgres' ? '$1' : '?';
    const stored = await db.query(
      `SELECT "itemId" FROM "order_lines" WHERE "orderId" = ${placeholder}`,
      [order.body.id],
    );
    expect(stored).toEqual([{ itemId: item.id }]);
    const cancelled = await t
      .http()
      .post(`/orders/${recase(order.body.id)}/cancel`)
      .set(bearer(admin));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.id).toBe(order.body.id);
  });

  it('finds and deletes users and clients by ids in upper case', async () => {
    const user = await t.createUser('user');
    expect(
      (
        await t
          .http()
          .get(`/users/${upper(user.id)}`)
          .set(bearer(admin))
      ).body.id,
    ).toBe(user.id);
    expect(
      (
        await t
          .http()
          .delete(`/users/${upper(user.id)}`)
          .set(bearer(admin))
      ).status,
    ).toBe(204);
    expect(await users().findOneBy({ id: user.id })).toBeNull();

    const created = await t.app.get(ClientsService).create({ name: 'svc', scopes: ['items:read'] });
    const secret = created.secret!;
    const viaBasic = await postForm(
      t,
      '/auth/token',
      { grant_type: 'client_credentials' },
      { id: upper(created.client.id), secret },
    );
    expect(viaBasic.status).toBe(200);
    const viaBody = await postForm(t, '/auth/token', {
      grant_type: 'client_credentials',
      client_id: mixed(created.client.id),
      client_secret: secret,
    });
    expect(viaBody.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(viaBody.body.access_token.split('.')[1], 'base64url').toString(),
    );
    expect(claims.client_id).toBe(created.client.id);
    expect(
      (
        await t
          .http()
          .delete(`/clients/${upper(created.client.id)}`)
          .set(bearer(admin))
      ).status,
    ).toBe(204);
  });
});
