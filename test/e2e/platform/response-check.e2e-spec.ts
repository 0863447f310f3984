import { bearer, startApp, TestApp } from '../../support/app';
import { assertNoViolations } from '../../support/response-check/recorder';
import { Exchange, ResponseContract } from '../../support/response-check/response-contract';

const ITEM_ID = '0b6e0b1e-8a39-4a55-9d63-9f1b1c9b7a11';

/**
 * The check every e2e test runs on every response (test/support/response-check) catches answers
 * that break the OpenAPI document: wrong ones here are made on purpose.
 */
describe('the response check', () => {
  let t: TestApp;
  let contract: ResponseContract;

  beforeAll(async () => {
    t = await startApp(
      {},
      {
        configure(app) {
          const fastify = app.getHttpAdapter().getInstance();
          fastify.get('/undocumented', async () => ({ hidden: true }));
          // Breaks the liveness answer after Nest made it, before it is serialized and sent.
          fastify.addHook('preSerialization', async (request, _reply, payload) =>
            request.url === '/health/live' ? { status: 42 } : payload,
          );
        },
      },
    );
    contract = new ResponseContract((await t.http().get('/docs-json')).body);
  });
  afterAll(() => t.close());

  const exchange = (overrides: Partial<Exchange>): Exchange => ({
    method: 'GET',
    route: '/items/:id',
    url: `/items/${ITEM_ID}`,
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      id: ITEM_ID,
      name: 'cup',
      description: 'blue',
      priceCents: 250,
      stock: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }),
    ...overrides,
  });

  it('passes an answer that keeps the document', () => {
    expect(contract.check(exchange({}))).toEqual([]);
  });

  it('fails a status, a body, a media type or a header the document does not promise', () => {
    expect(contract.check(exchange({ status: 418 }))).toEqual([
      'status 418 is not documented for this operation',
    ]);
    expect(contract.check(exchange({ body: '{"id": 7}' }))).toEqual(
      expect.arrayContaining(['body/id must be string', "body must have required property 'name'"]),
    );
    expect(
      contract.check(exchange({ headers: { 'content-type': 'text/html' }, body: '<p>' })),
    ).toEqual(['media type text/html is not one of application/json']);
    const challengeless = exchange({
      status: 401,
      body: '{"statusCode":401,"error":"Unauthorized","message":"An access token is required"}',
    });
    expect(contract.check(challengeless)).toEqual([
      'header www-authenticate is declared but not sent',
    ]);
    expect(
      contract.check(exchange({ headers: { ...exchange({}).headers, location: '/' } })),
    ).toEqual(['header location is sent but not declared']);
    expect(contract.check(exchange({ status: 404, body: '{"message":"gone"}' }))).toEqual([
      "body must have required property 'statusCode'",
      "body must have required property 'error'",
    ]);
  });

  it('fails an operation the document lacks, and lets Swagger UI’s own routes be', () => {
    expect(contract.check(exchange({ route: '/secret', url: '/secret' }))).toEqual([
      'GET /secret is served but not documented',
    ]);
    expect(contract.check(exchange({ route: '/docs/*', url: '/docs/swagger-ui.css' }))).toEqual([]);
  });

  it('fails the test whose request got a wrong answer, whoever sent it', async () => {
    expect((await t.http().get('/undocumented')).status).toBe(200);
    expect((await t.http().get('/health/live')).body).toEqual({ status: 42 });
    expect(assertNoViolations).toThrow(
      /GET \/undocumented → 200: GET \/undocumented is served but not documented\nGET \/health\/live → 200: body\/status must be/,
    );
    // The record is empty again, so this test itself passes.
    expect(assertNoViolations).not.toThrow();
    expect((await t.http().get('/items').set(bearer('not-a-token'))).status).toBe(401);
  });
});
