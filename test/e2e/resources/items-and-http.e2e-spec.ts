import { ALL_SCOPES } from '../../../src/common/authz/scope-table';
import { DataSource } from 'typeorm';
import { bearer, startApp, TestApp } from '../../support/app';
import { SERVICES } from '../../support/services';

describe('items, validation and HTTP behaviour', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await startApp();
    editor = await t.token((await t.createUser('editor')).username);
  });
  afterAll(() => t.close());

  const createItem = (body: unknown) =>
    t
      .http()
      .post('/items')
      .set(bearer(editor))
      .send(body as object);

  it('creates, reads, updates and deletes an item', async () => {
    const created = await createItem({ name: 'Kettle', priceCents: 3999, stock: 4 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Kettle',
      description: null,
      priceCents: 3999,
      stock: 4,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    expect((await t.http().get(`/items/${id}`).set(bearer(editor))).body.name).toBe('Kettle');
    const patched = await t
      .http()
      .patch(`/items/${id}`)
      .set(bearer(editor))
      .send({ description: 'Whistles', stock: 9 });
    expect(patched.body).toMatchObject({ name: 'Kettle', description: 'Whistles', stock: 9 });
    expect((await t.http().delete(`/items/${id}`).set(bearer(editor))).status).toBe(204);
    expect((await t.http().get(`/items/${id}`).set(bearer(editor))).status).toBe(404);
    expect(
      (await t.http().patch(`/items/${id}`).set(bearer(editor)).send({ stock: 1 })).status,
    ).toBe(404);
    expect((await t.http().delete(`/items/${id}`).set(bearer(editor))).status).toBe(404);
  });

  it('is strict about JSON types: "2" is not an integer', async () => {
    const cases = [
      { name: 'x', priceCents: '100', stock: 1 },
      { name: 'x', priceCents: 100, stock: '1' },
      { name: 'x', priceCents: 1.5, stock: 1 },
      { name: 'x', priceCents: -1, stock: 1 },
      { name: 'x', priceCents: 1e12, stock: 1 },
      { name: '', priceCents: 1, stock: 1 },
      { name: 5, priceCents: 1, stock: 1 },
      { name: 'x', priceCents: 1, stock: 1, id: 'chosen' },
      { priceCents: 1, stock: 1 },
      [],
      'a string',
      null,
    ];
    for (const body of cases) {
      const response = await createItem(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('lists every problem at once', async () => {
    const response = await createItem({ name: 7, priceCents: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.message.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses null for a field that cannot be empty on PATCH', async () => {
    const { id } = (await createItem({ name: 'Lamp', priceCents: 1, stock: 1 })).body;
    for (const body of [{ name: null }, { stock: null }, { priceCents: null }]) {
      const response = await t.http().patch(`/items/${id}`).set(bearer(editor)).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('paginates with limit 1-100 (default 20) and offset', async () => {
    for (let i = 0; i < 3; i++) await createItem({ name: `Page ${i}`, priceCents: 1, stock: 1 });
    const page = await t.http().get('/items?limit=2&offset=1').set(bearer(editor));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect((await t.http().get('/items').set(bearer(editor))).body.limit).toBe(20);
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=1.5',
      'offset=-1',
      'limit=1&limit=2',
      'page=2',
    ]) {
      const response = await t.http().get(`/items?${query}`).set(bearer(editor));
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });

  it('answers 400 to malformed JSON and to a malformed id', async () => {
    const malformed = await t
      .http()
      .post('/items')
      .set(bearer(editor))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);
    expect((await t.http().get('/items/42').set(bearer(editor))).status).toBe(400);
  });

  it('answers 413 to a body over 100 kB', async () => {
    const response = await createItem({
      name: 'x',
      description: 'y'.repeat(110 * 1024),
      priceCents: 1,
      stock: 1,
    });
    expect(response.status).toBe(413);
    const form = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send(`grant_type=password&x=${'y'.repeat(110 * 1024)}`);
    expect(form.status).toBe(413);
  });

  it('sends helmet’s security headers and no X-Powered-By on every response', async () => {
    for (const path of ['/items', '/health/live', '/docs', '/nowhere']) {
      const response = await t.http().get(path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves Swagger UI and the OpenAPI document with every scope of the OAuth2 password flow', async () => {
    const ui = await t.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const document = (await t.http().get('/docs-json')).body;
    const flow = document.components.securitySchemes.oauth2.flows.password;
    expect(flow.tokenUrl).toBe('/auth/token');
    expect(flow.scopes).toMatchObject({
      'items:read': 'View items',
      admin: 'Full administrative access',
    });
    expect(Object.keys(flow.scopes).sort()).toEqual([...ALL_SCOPES].sort());
  });

  it('reports liveness and readiness', async () => {
    expect((await t.http().get('/health/live')).body.status).toBe('ok');
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
    // Under `npm run test:services` the app really runs on PostgreSQL and Redis.
    expect(t.app.get(DataSource).options.type).toBe(
      SERVICES.postgresUrl ? 'postgres' : 'better-sqlite3',
    );
    expect(ready.body.details.redis?.status).toBe(SERVICES.redisUrl ? 'up' : undefined);
  });
});
