import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ItemsService } from '../src/items/items.service';
import { OrdersService } from '../src/orders/orders.service';
import { PASSWORD, startApp, TestApp } from './support/app';
import { postForm, registerClient } from './support/oauth';
import { listRoutes } from '../src/common/authz/route-inventory';

/** Generated requests per run; CI runs at least 2,000. FUZZ_SEED replays or explores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

const STACK_TRACE = /\bat [^\n]*\(?[^\n]*:\d+:\d+\)?|node_modules|\/src\/|\.ts:\d+/;

/**
 * Property-based fuzzing of every route and the token endpoint: random methods, paths, headers,
 * query strings, JSON and form bodies. Whatever comes in, the server never answers 5xx, never
 * shows a stack trace or a secret, and leaves the database consistent.
 */
describe('fuzzing every route (fast-check)', () => {
  let t: TestApp;
  let secrets: string[];
  let tokens: string[];
  let ids: string[];
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    t = await startApp({
      THROTTLE_DEFAULT_PER_MINUTE: '0',
      THROTTLE_TOKEN_PER_MINUTE: '1000000',
      THROTTLE_LOGIN_FAILURES: '1000',
    });
    const admin = await t.createUser('admin');
    const user = await t.createUser('user');
    const victim = await t.createUser('user');
    const login = await postForm(t, '/auth/token', {
      grant_type: 'password',
      username: admin.username,
      password: PASSWORD,
    });
    const client = await registerClient(t, login.body.access_token, ['read', 'payments:process']);
    const items = await Promise.all(
      [3, 10, 0].map((stock, i) =>
        t.app.get(ItemsService).create({ name: `fuzz ${i}`, priceCents: 100 + i, stock }),
      ),
    );
    const order = await t.app
      .get(OrdersService)
      .place(user.id, { lines: [{ itemId: items[1].id, quantity: 2 }] });
    tokens = [login.body.access_token, await t.token(user.username), 'not.a.token'];
    ids = [...items.map((item) => item.id), order.id, victim.id, client.id];
    secrets = [
      PASSWORD,
      client.secret,
      login.body.refresh_token,
      '$argon2id$',
      readFileSync(join(t.dataDir, 'jwt-rs256-private.pem'), 'utf8').split('\n')[1],
    ];
    routes = listRoutes(t.app).map(({ method, path }) => ({ method, path }));
  });
  afterAll(() => t.close());

  /** Built once the fixtures exist: requests aim at real routes and real ids as often as not. */
  function requests() {
    const nasty = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        '../../etc/passwd',
        '%00',
        '\u0000',
        '💥',
        'NaN',
      ),
      fc.double().map(String),
      fc.bigInt().map(String),
    );
    const pollutedObject = fc
      .dictionary(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'lines', 'name', 'scope'),
        fc.jsonValue(),
        {
          maxKeys: 4,
        },
      )
      .map((entries) => JSON.parse(JSON.stringify(entries)) as unknown);

    const segment = fc.oneof(
      fc.constantFrom(
        ...['00000000-0000-4000-8000-000000000000', 'me', 'cancel', 'pay', '..', '%2e%2e'],
      ),
      fc.constantFrom(...ids),
      nasty.map((value) => encodeURIComponent(value)),
    );
    const anyMethod = fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD');
    /** Mostly a real route with its own method, its id a real one or not; sometimes anything. */
    const target = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...routes),
            segment,
            fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, anyMethod),
          )
          .map(([route, id, method]) => ({
            method: method ?? route.method,
            path: route.path.replace(':id', id),
          })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(anyMethod, fc.array(segment, { maxLength: 4 }))
          .map(([method, parts]) => ({
            method,
            path: `/${parts.join('/')}`,
          })),
      },
    );
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom('limit', 'offset', '__proto__', 'constructor[prototype]', 'scope'),
        fc.string(),
      ),
      fc.oneof(nasty, fc.integer().map(String), fc.constant('1e400')),
      { maxKeys: 3 },
    );
    const authorization = fc.oneof(
      fc.constant(undefined),
      { weight: 4, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token}`) },
      nasty.map((value) => `Bearer ${value}`),
      nasty.map((value) => `Basic ${Buffer.from(value).toString('base64')}`),
      nasty,
    );
    const jsonBody = fc.oneof(
      fc.jsonValue({ depthSize: 'large', maxDepth: 30 }),
      pollutedObject,
      fc.record({
        lines: fc.array(
          fc.record({
            itemId: fc.oneof(fc.constantFrom(...ids), nasty),
            quantity: fc.oneof(fc.integer(), fc.double(), nasty),
          }),
          { maxLength: 5 },
        ),
      }),
      fc.record({
        name: nasty,
        priceCents: fc.oneof(fc.integer(), fc.double(), fc.constant(1e308)),
        stock: fc.integer({ min: -5, max: 5 }),
      }),
    );
    const formBody = fc
      .dictionary(
        fc.oneof(
          fc.constantFrom(
            'grant_type',
            'username',
            'password',
            'scope',
            'refresh_token',
            'client_id',
            'client_secret',
            'token',
            'token_type_hint',
            '__proto__',
          ),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(
          fc.constantFrom('password', 'refresh_token', 'client_credentials', 'read', 'admin', ''),
          nasty,
        ),
        { maxKeys: 6 },
      )
      .chain((fields) =>
        fc.boolean().map((repeat) => {
          const form = new URLSearchParams(fields);
          if (repeat) form.append('scope', 'read');
          return form.toString();
        }),
      );

    const request = fc.record({
      target,
      query,
      authorization,
      body: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        jsonBody.map((value) => ({ kind: 'json' as const, value })),
        formBody.map((value) => ({ kind: 'form' as const, value })),
        nasty.map((value) => ({ kind: 'raw' as const, value })),
      ),
      contentType: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
        nasty,
      ),
    });
    const tokenRequest = formBody.map((body) => ({
      target: { method: 'POST', path: '/auth/token' },
      query: {},
      authorization: undefined as string | undefined,
      body: { kind: 'form' as const, value: body },
      contentType: undefined as string | undefined,
    }));

    return fc.oneof({ weight: 4, arbitrary: request }, { weight: 1, arbitrary: tokenRequest });
  }

  it(`answers ${RUNS} generated requests without a 5xx, a stack trace or a secret`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requests(), async (input) => {
        const headers: Record<string, string> = {};
        if (input.authorization !== undefined) headers.authorization = input.authorization;
        let payload: string | undefined;
        if (input.body.kind === 'json') {
          payload = JSON.stringify(input.body.value);
          headers['content-type'] = 'application/json';
        } else if (input.body.kind === 'form') {
          payload = input.body.value;
          headers['content-type'] = 'application/x-www-form-urlencoded';
        } else if (input.body.kind === 'raw') {
          payload = input.body.value;
        }
        if (input.contentType !== undefined) headers['content-type'] = input.contentType;
        const search = new URLSearchParams(input.query).toString();
        const response = await t.app.inject({
          method: input.target.method as 'GET',
          url: search ? `${input.target.path}?${search}` : input.target.path,
          headers,
          payload,
        });
        sent++;
        const text = response.body;
        expect({ status: response.statusCode, text }).toEqual({
          status: expect.any(Number),
          text: expect.not.stringMatching(STACK_TRACE),
        });
        expect(response.statusCode).toBeLessThan(500);
        for (const secret of secrets) expect(text).not.toContain(secret);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
  });

  it('leaves the database consistent', async () => {
    const db = t.app.get(DataSource);
    expect(await db.query('SELECT "id", "stock" FROM "items" WHERE "stock" < 0')).toEqual([]);
    expect(
      await db.query(
        'SELECT l."id" FROM "order_lines" l LEFT JOIN "orders" o ON o."id" = l."orderId" WHERE o."id" IS NULL',
      ),
    ).toEqual([]);
    expect(
      await db.query(
        `SELECT o."id" FROM "orders" o JOIN "order_lines" l ON l."orderId" = o."id"
         GROUP BY o."id", o."totalCents" HAVING o."totalCents" != SUM(l."quantity" * l."unitPriceCents")`,
      ),
    ).toEqual([]);
    // PostgreSQL enforces its foreign keys on every write; SQLite is asked to check them all.
    if (db.options.type === 'better-sqlite3') {
      expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
  });
});
