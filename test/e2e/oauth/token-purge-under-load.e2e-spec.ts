import { randomUUID } from 'node:crypto';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { RefreshTokenEntity } from '../../../src/auth/refresh/refresh-token.entity';
import { TokenPurge } from '../../../src/auth/retention/token-purge';
import { nowSeconds } from '../../../src/common/time';
import { ItemsService } from '../../../src/items/items.service';
import { bearer, PASSWORD, startApp, TestApp, uniqueName } from '../../support/app';
import { postForm } from '../../support/oauth';
import { refreshTokenRow } from '../../support/token-rows';

const EXPIRED = 6000;
const ORDERS = 30;
const REFRESHES = 10;

/**
 * The purge deletes in batches while the server writes. On SQLite its batches run on a connection
 * of their own: a request's transaction that read before a batch committed must still be able to
 * write (it takes the write lock first), and none may fail or be lost while the batches run.
 */
describe('token purge under load', () => {
  let t: TestApp;
  let db: DataSource;
  let userId: string;
  let username: string;

  beforeAll(async () => {
    t = await startApp({ RETENTION_GRACE: '0', PURGE_INTERVAL: '0' });
    db = t.app.get(DataSource);
    ({ id: userId, username } = await t.createUser('user'));
  });
  afterAll(() => t.close());

  async function seedExpiredRefreshTokens(): Promise<void> {
    const expiresAt = nowSeconds() - 60;
    const rows = Array.from({ length: EXPIRED }, () =>
      refreshTokenRow(userId, randomUUID(), expiresAt),
    );
    for (let i = 0; i < rows.length; i += 500) {
      await db.getRepository(RefreshTokenEntity).insert(rows.slice(i, i + 500));
    }
  }

  it('answers a burst of orders and refreshes in full while a purge deletes thousands of rows', async () => {
    const item = await t.app
      .get(ItemsService)
      .create({ name: uniqueName('item'), priceCents: 100, stock: 1000 });
    const grant = (form: Record<string, string>) => postForm(t, '/auth/token', form);
    const signIns = [];
    for (let i = 0; i < REFRESHES; i++) {
      signIns.push((await grant({ grant_type: 'password', username, password: PASSWORD })).body);
    }
    const token = (signIns[0] as { access_token: string }).access_token;
    await seedExpiredRefreshTokens();

    const purge = t.app.get(TokenPurge).purge({ batchSize: 100 });
    const [report, orders, refreshes] = await Promise.all([
      purge,
      Promise.all(
        Array.from({ length: ORDERS }, () =>
          t
            .http()
            .post('/orders')
            .set(bearer(token))
            .send({ lines: [{ itemId: item.id, quantity: 1 }] }),
        ),
      ),
      Promise.all(
        signIns.map((signIn: { refresh_token: string }) =>
          grant({ grant_type: 'refresh_token', refresh_token: signIn.refresh_token }),
        ),
      ),
    ]);

    expect(orders.map((response) => response.status)).toEqual(Array(ORDERS).fill(201));
    expect(refreshes.map((response) => response.status)).toEqual(Array(REFRESHES).fill(200));
    expect(report.refresh_tokens).toBe(EXPIRED);
    const left = await db
      .getRepository(RefreshTokenEntity)
      .countBy({ expiresAt: LessThanOrEqual(nowSeconds() - 1) });
    expect(left).toBe(0);
    const stock = await t.http().get(`/items/${item.id}`).set(bearer(token));
    expect(stock.body.stock).toBe(1000 - ORDERS);
  });
});
