import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SCOPES, expandScopes } from '../../../src/common/authz/scope-table';
import { Scope } from '../../../src/common/authz/scope-table';
import { ClientsService } from '../../../src/clients/clients.service';
import { ItemsService } from '../../../src/items/items.service';
import { OrdersService } from '../../../src/orders/orders.service';
import { bearer, startApp, TestApp, uniqueName } from '../../support/app';
import { listRoutes, RouteInfo } from '@scopegate/nest-scopes';
import {
  buildScopeMatrix,
  renderScopeMatrix,
  ScopeMatrixRow,
} from '../../../src/tools/scope-matrix';

interface Row {
  /** The status a token holding exactly the route's scopes gets. */
  readonly success: number;
  /** Builds a concrete request: the path with real ids, and a valid body. */
  readonly prepare?: () => Promise<{ path?: string; body?: object }>;
}

const ANY_ID = '00000000-0000-4000-8000-000000000000';

describe('every route: 401 without a token, 403 without its scopes, success with them', () => {
  let t: TestApp;
  let admin: { id: string; username: string };
  let routes: RouteInfo[];
  const tokens = new Map<string, string>();

  /** The admin narrows its token to exactly these scopes (least privilege). */
  const tokenFor = async (scopes: readonly string[]) => {
    const scope = scopes.length > 0 ? scopes.join(' ') : 'items:read';
    if (!tokens.has(scope)) tokens.set(scope, await t.token(admin.username, scope));
    return tokens.get(scope)!;
  };
  const newItem = () =>
    t.app.get(ItemsService).create({ name: uniqueName('item'), priceCents: 100, stock: 50 });
  const newOrder = async () => {
    const item = await newItem();
    return t.app.get(OrdersService).place(admin.id, { lines: [{ itemId: item.id, quantity: 1 }] });
  };

  const table: Record<string, Row> = {
    'POST /auth/token': { success: 400 },
    'GET /auth/authorize': { success: 400 },
    'GET /auth/authorize/style.css': { success: 200 },
    'POST /auth/authorize/signin': { success: 400 },
    'POST /auth/authorize/consent': { success: 400 },
    'POST /auth/revoke': { success: 400 },
    'POST /auth/introspect': { success: 400 },
    'GET /.well-known/jwks.json': { success: 200 },
    'GET /.well-known/oauth-authorization-server': { success: 200 },
    'GET /health/live': { success: 200 },
    'GET /health/ready': { success: 200 },
    'GET /items': { success: 200 },
    'GET /items/:id': {
      success: 200,
      prepare: async () => ({ path: `/items/${(await newItem()).id}` }),
    },
    'POST /items': {
      success: 201,
      prepare: async () => ({ body: { name: 'x', priceCents: 1, stock: 1 } }),
    },
    'PATCH /items/:id': {
      success: 200,
      prepare: async () => ({ path: `/items/${(await newItem()).id}`, body: { stock: 7 } }),
    },
    'DELETE /items/:id': {
      success: 204,
      prepare: async () => ({ path: `/items/${(await newItem()).id}` }),
    },
    'GET /users/me': { success: 200 },
    'GET /users': { success: 200 },
    'GET /users/:id': { success: 200, prepare: async () => ({ path: `/users/${admin.id}` }) },
    'POST /users': {
      success: 201,
      prepare: async () => ({
        body: { username: uniqueName('new'), password: 'a-long-password-1' },
      }),
    },
    'PATCH /users/:id': {
      success: 200,
      prepare: async () => ({
        path: `/users/${(await t.createUser('user')).id}`,
        body: { fullName: 'Renamed' },
      }),
    },
    'DELETE /users/:id': {
      success: 204,
      prepare: async () => ({ path: `/users/${(await t.createUser('user')).id}` }),
    },
    'POST /clients': {
      success: 201,
      prepare: async () => ({ body: { name: 'worker', scopes: ['items:read'] } }),
    },
    'GET /clients': { success: 200 },
    'DELETE /clients/:id': {
      success: 204,
      prepare: async () => {
        const { client } = await t.app
          .get(ClientsService)
          .create({ name: 'gone', scopes: ['read'] });
        return { path: `/clients/${client.id}` };
      },
    },
    'GET /metrics': { success: 200 },
    'GET /orders': { success: 200 },
    'GET /orders/:id': {
      success: 200,
      prepare: async () => ({ path: `/orders/${(await newOrder()).id}` }),
    },
    'POST /orders': {
      success: 201,
      prepare: async () => ({ body: { lines: [{ itemId: (await newItem()).id, quantity: 2 }] } }),
    },
    'POST /orders/:id/cancel': {
      success: 200,
      prepare: async () => ({ path: `/orders/${(await newOrder()).id}/cancel` }),
    },
    'POST /orders/:id/pay': {
      success: 200,
      prepare: async () => ({ path: `/orders/${(await newOrder()).id}/pay` }),
    },
  };

  beforeAll(async () => {
    t = await startApp();
    admin = await t.createUser('admin');
    routes = listRoutes(t.app);
  });
  afterAll(() => t.close());

  const send = (route: RouteInfo, path: string, headers: Record<string, string>, body?: object) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    const call = t.http()[method](path).set(headers);
    return body ? call.send(body) : call;
  };
  const concretePath = (route: RouteInfo) => route.path.replace(':id', ANY_ID);

  it('has a row for every route the app serves, and a route for every row', () => {
    expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(table).sort());
  });

  it('lets public routes through without a token, and only those', async () => {
    for (const route of routes.filter((r) => r.isPublic)) {
      const response = await send(route, concretePath(route), {});
      expect({ route: route.key, status: response.status }).toEqual({
        route: route.key,
        status: table[route.key].success,
      });
    }
  });

  it('answers 401 with a Bearer challenge on every protected route without a token', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const response = await send(route, concretePath(route), {});
      expect({
        route: route.key,
        status: response.status,
        challenge: response.headers['www-authenticate'],
      }).toEqual({
        route: route.key,
        status: 401,
        challenge: 'Bearer realm="scopegate"',
      });
    }
  });

  it('answers 403 naming the scopes to every token whose scope does not imply them', async () => {
    let checked = 0;
    for (const route of routes.filter((r) => !r.isPublic && r.scopes.length > 0)) {
      for (const scope of ALL_SCOPES) {
        if (
          route.scopes.every((required) =>
            (expandScopes([scope]) as ReadonlySet<string>).has(required),
          )
        )
          continue;
        const response = await send(route, concretePath(route), bearer(await tokenFor([scope])));
        expect({ route: route.key, scope, status: response.status }).toEqual({
          route: route.key,
          scope,
          status: 403,
        });
        expect(response.headers['www-authenticate']).toBe(
          `Bearer realm="scopegate", error="insufficient_scope", scope="${route.scopes.join(' ')}"`,
        );
        const missing = route.scopes.filter(
          (required) => !(expandScopes([scope]) as ReadonlySet<string>).has(required),
        );
        expect(response.body).toEqual({
          statusCode: 403,
          error: 'Forbidden',
          message: `Missing required scope: ${missing.join(' ')}`,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('answers success to a token holding exactly the route’s scopes', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const row = table[route.key];
      const { path = route.path, body } = (await row.prepare?.()) ?? {};
      const response = await send(route, path, bearer(await tokenFor(route.scopes)), body);
      expect({ route: route.key, status: response.status }).toEqual({
        route: route.key,
        status: row.success,
      });
    }
  });

  it('also answers success to a coarse scope that implies the required one', async () => {
    const coarse: Array<[string, Scope]> = [
      ['GET /items', 'read'],
      ['GET /orders', 'write'],
      ['GET /users', 'admin'],
    ];
    for (const [key, scope] of coarse) {
      const route = routes.find((r) => r.key === key)!;
      const response = await send(route, route.path, bearer(await tokenFor([scope])));
      expect({ key, status: response.status }).toEqual({ key, status: 200 });
    }
  });

  describe('agrees with the scope matrix (docs/SCOPES.md)', () => {
    const rows = () =>
      buildScopeMatrix(routes).filter((row) => !row.isPublic && row.required.length > 0);
    const routeOf = (row: ScopeMatrixRow) =>
      routes.find((r) => r.method === row.method && r.path === row.path)!;

    it('lets a token holding exactly each listed scope through', async () => {
      let checked = 0;
      for (const row of rows()) {
        const route = routeOf(row);
        for (const scopes of [row.required, ...row.alsoSatisfiedBy.map((scope) => [scope])]) {
          const { path = route.path, body } = (await table[route.key].prepare?.()) ?? {};
          const response = await send(route, path, bearer(await tokenFor(scopes)), body);
          expect({ route: route.key, scopes, status: response.status }).toEqual({
            route: route.key,
            scopes,
            status: table[route.key].success,
          });
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(60);
    });

    it('refuses a token holding every scope that does not imply the required ones', async () => {
      for (const row of rows()) {
        const reaching = new Set([...row.required, ...row.alsoSatisfiedBy]);
        const others = ALL_SCOPES.filter((scope) => !reaching.has(scope));
        const route = routeOf(row);
        const response = await send(route, concretePath(route), bearer(await tokenFor(others)));
        expect({ route: route.key, status: response.status }).toEqual({
          route: route.key,
          status: 403,
        });
      }
    });

    it('is the committed docs/SCOPES.md, up to date', async () => {
      const committed = readFileSync(
        join(__dirname, '..', '..', '..', 'docs', 'SCOPES.md'),
        'utf8',
      );
      const document = (await t.http().get('/docs-json')).body;
      expect(renderScopeMatrix(buildScopeMatrix(routes), document)).toBe(committed);
    });
  });

  it('documents in OpenAPI exactly the scopes the guard enforces, as one requirement', async () => {
    const document = (await t.http().get('/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { security?: Array<Record<string, string[]>>; description?: string }>
      >;
    };
    for (const route of routes) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[openApiPath]?.[route.method.toLowerCase()];
      // Only public routes may stay out of the document (a stylesheet is no API).
      expect({ route: route.key, documented: operation !== undefined }).toEqual({
        route: route.key,
        documented: !(route.isPublic && route.undocumented),
      });
      if (!operation) continue;
      const expected = route.isPublic ? [] : [{ oauth2: [...route.scopes].sort() }];
      const actual = (operation.security ?? [])
        .filter((requirement) => 'oauth2' in requirement)
        .map((requirement) => ({ oauth2: [...requirement.oauth2].sort() }));
      expect({ route: route.key, security: actual }).toEqual({
        route: route.key,
        security: expected,
      });
      if (!route.isPublic) {
        const named = route.scopes.length
          ? route.scopes.every((scope) => operation.description?.includes(`\`${scope}\``))
          : operation.description?.startsWith('**Requires:** any valid access token');
        expect({ route: route.key, scopesInDescription: named }).toEqual({
          route: route.key,
          scopesInDescription: true,
        });
      }
    }
  });
});
