import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ItemsService } from '../../../src/items/items.service';
import { OrdersService } from '../../../src/orders/orders.service';
import { PASSWORD, startApp, TestApp } from '../../support/app';
import {
  ERROR_DESCRIPTION_CHARSET,
  errorDescriptions,
  postForm,
  registerClient,
} from '../../support/oauth';
import { listRoutes } from '@scopegate/nest-scopes';

/** Generated requests per run; CI runs at least 2,000. FUZZ_SEED replays or explores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

const percent = (bytes: Iterable<number>) =>
  [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate becomes the three bytes a careless
 * encoder sends for it (CESU-8) instead of an exception.
 */
const encodeLoosely = (text: string) =>
  text.replace(/[^A-Za-z0-9\-_.!~*'()]/gu, (char) => {
    if (!/^[\uD800-\uDFFF]$/.test(char)) return percent(Buffer.from(char));
    const code = char.charCodeAt(0);
    return percent([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]);
  });

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
    /** Control characters (NUL among them) and surrogate halves, mixed into ordinary text. */
    const hostileUnit = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    );
    const hostileText = fc.string({
      unit: fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 1 }) }, hostileUnit),
      maxLength: 20,
    });
    /** Numbers no column holds, as text. */
    const hugeNumber = fc.oneof(
      fc.constantFrom('1e400', '-1e400', '9007199254740993', '2147483648', '-2147483649', '1e21'),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
    );
    const nasty = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      hostileText,
      hugeNumber,
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        '../../etc/passwd',
        '%00',
        '\u0000',
        '\uD800',
        'a\uDC00',
        '💥',
        'NaN',
      ),
      fc.double().map(String),
      fc.bigInt().map(String),
    );
    /** The real ids in upper or mixed case: the same records. */
    const recasedId = fc
      .tuple(fc.constantFrom(...ids), fc.boolean())
      .map(([id, all]) =>
        all ? id.toUpperCase() : [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''),
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
      recasedId,
      nasty.map(encodeLoosely),
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
    /** Query parameters as pairs, so that a name can repeat. */
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('limit', 'offset', '__proto__', 'constructor[prototype]', 'scope'),
          fc.constantFrom('client_id', 'redirect_uri', 'state', 'code_challenge', 'response_type'),
          // passport-local's fallback for empty form fields: never read, whatever they hold.
          fc.constantFrom('username', 'password', 'grant_type'),
          fc.string(),
        ),
        fc.oneof(nasty, fc.integer().map(String), recasedId, hugeNumber),
      ),
      { maxLength: 4 },
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
            itemId: fc.oneof(fc.constantFrom(...ids), recasedId, nasty),
            quantity: fc.oneof(fc.integer(), fc.double(), nasty, fc.constant(2 ** 53 + 2)),
          }),
          { maxLength: 5 },
        ),
      }),
      fc.record({
        name: nasty,
        priceCents: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, 2 ** 31, 2 ** 63)),
        stock: fc.integer({ min: -5, max: 5 }),
      }),
      fc.record({ username: nasty, password: nasty, fullName: hostileText, email: nasty }),
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
        fc.subarray(Object.keys(fields)).map((repeated) => {
          const form = new URLSearchParams(fields);
          for (const name of repeated) form.append(name, 'read');
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
    const tokenRequest = fc.tuple(formBody, query).map(([body, search]) => ({
      target: { method: 'POST', path: '/auth/token' },
      query: search,
      authorization: undefined as string | undefined,
      body: { kind: 'form' as const, value: body },
      contentType: undefined as string | undefined,
    }));

    /**
     * Well-formed requests of the admin with one value made hostile (control characters, surrogate
     * halves, a huge number) or an id in another case: what passes authentication and reaches the
     * services and the database.
     */
    const [itemId] = ids;
    const asAdmin = (method: string, path: string, body?: unknown) => ({
      target: { method, path },
      query: [] as Array<[string, string]>,
      authorization: `Bearer ${tokens[0]}` as string | undefined,
      body:
        body === undefined
          ? { kind: 'none' as const }
          : { kind: 'json' as const, value: body as fc.JsonValue },
      contentType: undefined as string | undefined,
    });
    const aimed = fc
      .tuple(
        fc.oneof(hostileText, hugeNumber, recasedId),
        recasedId,
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 8 }),
      )
      .map(([value, id, n, which]) => {
        const username = `fuzz${n}`;
        return [
          asAdmin('POST', '/users', { username, password: PASSWORD, fullName: value }),
          asAdmin('PATCH', `/users/${id}`, { fullName: value, email: `${value}@example.com` }),
          asAdmin('POST', '/items', { name: value, description: value, priceCents: 1, stock: 1 }),
          asAdmin('PATCH', `/items/${id}`, { name: value }),
          asAdmin('POST', '/orders', { lines: [{ itemId: value, quantity: 1 }] }),
          asAdmin('POST', '/orders', {
            lines: [
              { itemId: id, quantity: 1 },
              { itemId, quantity: 1 },
            ],
          }),
          asAdmin('POST', '/clients', { name: value, scopes: ['read'], redirectUris: [value] }),
          asAdmin('GET', `/orders/${id}`),
          {
            ...asAdmin('POST', '/auth/token'),
            authorization: undefined,
            body: {
              kind: 'form' as const,
              value: `grant_type=password&username=${encodeLoosely(value)}&password=x`,
            },
          },
        ][which];
      });

    return fc.oneof(
      { weight: 4, arbitrary: request },
      { weight: 1, arbitrary: tokenRequest },
      { weight: 2, arbitrary: aimed },
    );
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
        const search = input.query
          .map(([name, value]) => `${encodeLoosely(name)}=${encodeLoosely(value)}`)
          .join('&');
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
        for (const description of errorDescriptions(response)) {
          expect(description).toMatch(ERROR_DESCRIPTION_CHARSET);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // Every password that comes in costs an argon2id hash or verification: minutes on a busy machine.
  }, 300_000);

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
    // Ids are stored in one case (lower), whatever case the requests used.
    const asText = db.options.type === 'postgres' ? '::text' : '';
    expect(
      await db.query(
        `SELECT "id" FROM "order_lines" WHERE "itemId"${asText} <> lower("itemId"${asText})`,
      ),
    ).toEqual([]);
    // PostgreSQL enforces its foreign keys on every write, and stores no NUL; SQLite is asked to
    // check its keys, and that no NUL got into any text.
    if (db.options.type === 'better-sqlite3') {
      const texts = {
        items: ['name', 'description'],
        users: ['fullName', 'email'],
        clients: ['name'],
      };
      for (const [table, columns] of Object.entries(texts)) {
        for (const column of columns) {
          const withNul = `SELECT "id" FROM "${table}" WHERE instr("${column}", char(0)) > 0`;
          expect(await db.query(withNul)).toEqual([]);
        }
      }
      expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
  });
});
