import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ByIdLookup } from '../../../src/common/database/by-id-lookup';
import { ItemEntity } from '../../../src/items/item.entity';
import { ItemsService } from '../../../src/items/items.service';
import { bearer, startApp, TestApp } from '../../support/app';

/**
 * Promise: reads by id that run at once answer each its own row, whatever else is read with them.
 * On PostgreSQL (test:services) the lookups of one moment share one statement; on SQLite each is
 * its own. Either way: a deleted item stays deleted, case does not matter, an unknown id is a 404.
 */
describe('lookups by id at the same moment', () => {
  let t: TestApp;
  let admin: string;
  let items: ItemEntity[];
  let deleted: ItemEntity;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0' });
    admin = await t.token((await t.createUser('admin')).username, 'admin');
    const service = t.app.get(ItemsService);
    items = [];
    for (let i = 0; i < 30; i++) {
      items.push(await service.create({ name: `item ${i}`, priceCents: 100 + i, stock: i }));
    }
    deleted = await service.create({ name: 'gone', priceCents: 1, stock: 1 });
    await service.remove(deleted.id);
  });
  afterAll(() => t.close());

  const statements = () => {
    const dataSource = t.app.get(DataSource);
    return jest.spyOn(dataSource, 'query');
  };
  afterEach(() => jest.restoreAllMocks());

  it('answers a burst of 90 requests, mixed ids, each with its own item', async () => {
    const asked = [
      ...items.map((item) => item.id),
      ...items.map((item) => item.id.toUpperCase()),
      ...Array.from({ length: 15 }, () => deleted.id),
      ...Array.from({ length: 15 }, () => randomUUID()),
    ];
    const answers = await Promise.all(
      asked.map((id) =>
        t
          .http()
          .get(`/items/${id}`)
          .set(bearer(admin))
          .then((response) => ({ id, response })),
      ),
    );
    for (const { id, response } of answers) {
      const item = items.find((candidate) => candidate.id === id.toLowerCase());
      if (item) {
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: item.id, name: item.name, stock: item.stock });
      } else {
        expect(response.status).toBe(404);
      }
    }
  });

  it('reads the lookups of one moment in as few statements as its database allows', async () => {
    const service = t.app.get(ItemsService);
    const spy = statements();
    const found = await Promise.all(items.map((item) => service.findById(item.id)));
    expect(found.map((item) => item.id)).toEqual(items.map((item) => item.id));
    const postgres = t.app.get(DataSource).options.type === 'postgres';
    expect(spy).toHaveBeenCalledTimes(postgres ? 1 : 0);
  });

  it('reads at most 100 ids in one statement', async () => {
    const postgres = t.app.get(DataSource).options.type === 'postgres';
    const lookup = new ByIdLookup(t.app.get(DataSource).getRepository(ItemEntity));
    const spy = statements();
    const ids = [...items.map((item) => item.id), ...Array.from({ length: 220 }, randomUUID)];
    const found = await Promise.all(ids.map((id) => lookup.find(id)));
    expect(found.filter(Boolean).map((item) => item!.id)).toEqual(items.map((item) => item.id));
    expect(spy).toHaveBeenCalledTimes(postgres ? 3 : 0);
  });

  it('fails only the lookup whose id the database refuses', async () => {
    const lookup = new ByIdLookup(t.app.get(DataSource).getRepository(ItemEntity));
    const postgres = t.app.get(DataSource).options.type === 'postgres';
    const [first, bad, last] = await Promise.allSettled([
      lookup.find(items[0].id),
      lookup.find('not-a-uuid\u0000'),
      lookup.find(items[1].id),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { id: items[0].id } });
    expect(last).toMatchObject({ status: 'fulfilled', value: { id: items[1].id } });
    // PostgreSQL refuses the text as a uuid; SQLite compares it and finds nothing.
    expect(bad).toMatchObject(
      postgres ? { status: 'rejected' } : { status: 'fulfilled', value: null },
    );
  });

  it('finds a uuid in any spelling PostgreSQL takes, as a lookup of its own would', async () => {
    const lookup = new ByIdLookup(t.app.get(DataSource).getRepository(ItemEntity));
    const postgres = t.app.get(DataSource).options.type === 'postgres';
    const [id, other] = [items[2].id, items[3].id];
    const spellings = [`{${id}}`, id.replace(/-/g, ''), id.toUpperCase()];
    const found = await Promise.all([lookup.find(other), ...spellings.map((s) => lookup.find(s))]);
    expect(found[0]?.id).toBe(other);
    // SQLite compares the text as stored (callers canonicalize ids first: see id-case).
    expect(found.slice(1).map((item) => item?.id ?? null)).toEqual(
      spellings.map(() => (postgres ? id : null)),
    );
  });

  it('fails a batch the database refuses for any other reason at once, in one statement', async () => {
    const dataSource = t.app.get(DataSource);
    const lookup = new ByIdLookup(dataSource.getRepository(ItemEntity));
    const postgres = dataSource.options.type === 'postgres';
    await dataSource.query('ALTER TABLE "items" RENAME TO "items_away"');
    try {
      const spy = statements();
      const answers = await Promise.allSettled(
        items.slice(0, 5).map((item) => lookup.find(item.id)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 'rejected'));
      expect(spy).toHaveBeenCalledTimes(postgres ? 1 : 0);
    } finally {
      jest.restoreAllMocks();
      await dataSource.query('ALTER TABLE "items_away" RENAME TO "items"');
    }
  });
});
