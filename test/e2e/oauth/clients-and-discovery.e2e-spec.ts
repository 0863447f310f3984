import { ALL_SCOPES } from '../../../src/common/authz/scope-table';
import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { decode, sign } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { ItemsService } from '../../../src/items/items.service';
import { OrdersService } from '../../../src/orders/orders.service';
import { bearer, newDataDir, startApp, TestApp } from '../../support/app';
import { postForm, registerClient, RegisteredClient } from '../../support/oauth';

describe('clients and client credentials (RFC 6749 §4.4)', () => {
  let t: TestApp;
  let adminToken: string;
  let payments: RegisteredClient;

  beforeAll(async () => {
    t = await startApp();
    adminToken = await t.token((await t.createUser('admin')).username);
    payments = await registerClient(t, adminToken, ['payments:process', 'items:read'], 'payments');
  });
  afterAll(() => t.close());

  const clientToken = (form: Record<string, string>, basic?: RegisteredClient) =>
    postForm(t, '/auth/token', { grant_type: 'client_credentials', ...form }, basic);

  it('registers a client: 201 with its secret, shown once and stored only as a hash', async () => {
    const response = await t
      .http()
      .post('/clients')
      .set(bearer(adminToken))
      .send({ name: 'reporting', scopes: ['read'] });
    expect(response.status).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      client_id: expect.any(String),
      client_secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: 'reporting',
      scopes: ['read'],
      redirectUris: [],
      public: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await t.http().get('/clients').set(bearer(adminToken));
    expect(list.body.data.map((c: { name: string }) => c.name)).toContain('reporting');
    expect(list.text).not.toContain(response.body.client_secret);
    const rows = await t.app.get(DataSource).query('SELECT * FROM "clients"');
    expect(JSON.stringify(rows)).not.toContain(response.body.client_secret);
  });

  it('validates a registration: known scopes only, at least one, no unknown fields', async () => {
    for (const body of [
      { name: 'x', scopes: ['items:steal'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: 'read' },
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: ['read'], secret: 'mine' },
    ]) {
      const response = await t.http().post('/clients').set(bearer(adminToken)).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('issues a token with HTTP Basic (client_secret_basic): sub is the client, no refresh token', async () => {
    const response = await clientToken({}, payments);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'payments:process items:read',
    });
    expect(decode(response.body.access_token)).toMatchObject({
      sub: payments.id,
      client_id: payments.id,
    });
  });

  it('issues a token with body credentials (client_secret_post)', async () => {
    const response = await clientToken({
      client_id: payments.id,
      client_secret: payments.secret,
      scope: 'items:read',
    });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('items:read');
  });

  it('refuses a wrong secret or an unknown client with 401 invalid_client and a Basic challenge', async () => {
    for (const response of [
      await clientToken({}, { id: payments.id, secret: 'wrong' }),
      await clientToken({ client_id: payments.id, client_secret: 'wrong' }),
      await clientToken(
        {},
        { id: '00000000-0000-4000-8000-000000000000', secret: payments.secret },
      ),
      await clientToken({}, { id: 'not-a-uuid', secret: 'x' }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_client');
      expect(response.headers['www-authenticate']).toBe('Basic realm="scopegate"');
    }
  });

  it('refuses two authentication methods at once', async () => {
    const response = await clientToken({ client_secret: payments.secret }, payments);
    expect(response.body.error).toBe('invalid_request');
  });

  it('refuses a secret in Basic without its id, whatever client_id the body names', async () => {
    for (const body of [{ client_id: payments.id }, {}] as Record<string, string>[]) {
      const response = await clientToken(body, { id: '', secret: payments.secret });
      expect({ status: response.status, error: response.body.error }).toEqual({
        status: 401,
        error: 'invalid_client',
      });
      expect(response.body.access_token).toBeUndefined();
    }
  });

  it('keeps a client within its scopes', async () => {
    const response = await clientToken({ scope: 'items:read admin' }, payments);
    expect(response.body.scope).toBe('items:read');
    expect((await clientToken({ scope: 'users:read' }, payments)).body.error).toBe('invalid_scope');
  });

  it('refuses client_credentials to the public client, and the password grant to a confidential one', async () => {
    expect((await clientToken({})).body.error).toBe('unauthorized_client');
    const password = await postForm(
      t,
      '/auth/token',
      { grant_type: 'password', username: 'x', password: 'y' },
      payments,
    );
    expect(password.body.error).toBe('unauthorized_client');
  });

  it('lets a client token pay orders, but not act as a user', async () => {
    const token = (await clientToken({ scope: 'payments:process' }, payments)).body.access_token;
    const owner = await t.createUser('user');
    const item = await t.app.get(ItemsService).create({ name: 'cup', priceCents: 5, stock: 5 });
    const order = await t.app
      .get(OrdersService)
      .place(owner.id, { lines: [{ itemId: item.id, quantity: 1 }] });

    expect((await t.http().post(`/orders/${order.id}/pay`).set(bearer(token))).status).toBe(200);
    expect((await t.http().get('/users/me').set(bearer(token))).status).toBe(403);
    const list = await t.http().get('/orders').set(bearer(token));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(0);
    expect((await t.http().get(`/orders/${order.id}`).set(bearer(token))).status).toBe(404);
  });

  it('refuses to place an order for a client token: orders belong to users', async () => {
    const writer = await registerClient(t, adminToken, ['orders:write'], 'writer');
    const token = (await clientToken({}, writer)).body.access_token;
    const item = await t.app.get(ItemsService).create({ name: 'mug', priceCents: 5, stock: 5 });
    const response = await t
      .http()
      .post('/orders')
      .set(bearer(token))
      .send({ lines: [{ itemId: item.id, quantity: 1 }] });
    expect(response.status).toBe(403);
    expect((await t.app.get(ItemsService).findById(item.id)).stock).toBe(5);
  });

  it('stops a deleted client’s tokens at once', async () => {
    const doomed = await registerClient(t, adminToken, ['items:read'], 'doomed');
    const token = (await clientToken({}, doomed)).body.access_token;
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(200);
    expect((await t.http().delete(`/clients/${doomed.id}`).set(bearer(adminToken))).status).toBe(
      204,
    );
    expect((await t.http().get('/items').set(bearer(token))).status).toBe(401);
    expect((await clientToken({}, doomed)).status).toBe(401);
    expect((await t.http().delete(`/clients/${doomed.id}`).set(bearer(adminToken))).status).toBe(
      404,
    );
  });

  it('publishes RFC 8414 metadata built from the scope table and the issuer', async () => {
    const response = await t.http().get('/.well-known/oauth-authorization-server');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      issuer: 'http://localhost:3000',
      token_endpoint: 'http://localhost:3000/auth/token',
      jwks_uri: 'http://localhost:3000/.well-known/jwks.json',
      revocation_endpoint: 'http://localhost:3000/auth/revoke',
      introspection_endpoint: 'http://localhost:3000/auth/introspect',
      authorization_endpoint: 'http://localhost:3000/auth/authorize',
      grant_types_supported: [
        'authorization_code',
        'password',
        'refresh_token',
        'client_credentials',
      ],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect([...response.body.scopes_supported].sort()).toEqual([...ALL_SCOPES].sort());
  });
});

describe('key rotation (JWT_PREVIOUS_PUBLIC_KEYS)', () => {
  const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
    key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const oldPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const newPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dataDir = newDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('accepts tokens of the previous key until they expire, signs new ones with the current key', async () => {
    const before = await startApp({ JWT_PRIVATE_KEY: pem(oldPair.privateKey) }, { dataDir });
    const user = await before.createUser('user');
    const oldToken = await before.token(user.username);
    const oldKid = decode(oldToken, { complete: true })!.header.kid!;
    await before.close();

    const previous = oldPair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const after = await startApp(
      { JWT_PRIVATE_KEY: pem(newPair.privateKey), JWT_PREVIOUS_PUBLIC_KEYS: previous },
      { dataDir },
    );
    try {
      expect((await after.http().get('/users/me').set(bearer(oldToken))).status).toBe(200);
      const newToken = await after.token(user.username);
      const newKid = decode(newToken, { complete: true })!.header.kid!;
      expect(newKid).not.toBe(oldKid);
      expect((await after.http().get('/users/me').set(bearer(newToken))).status).toBe(200);

      const jwks = (await after.http().get('/.well-known/jwks.json')).body.keys as Array<{
        kid: string;
      }>;
      expect(jwks.map((key) => key.kid).sort()).toEqual([oldKid, newKid].sort());

      // Selection is by kid: the old key's signature under the new kid is refused.
      const claims = decode(oldToken) as Record<string, unknown>;
      const mislabelled = sign(claims, oldPair.privateKey, {
        algorithm: 'RS256',
        header: { alg: 'RS256', typ: 'at+jwt', kid: newKid },
      });
      expect((await after.http().get('/users/me').set(bearer(mislabelled))).status).toBe(401);
    } finally {
      await after.close();
    }

    const without = await startApp({ JWT_PRIVATE_KEY: pem(newPair.privateKey) }, { dataDir });
    try {
      expect((await without.http().get('/users/me').set(bearer(oldToken))).status).toBe(401);
    } finally {
      await without.close();
    }
  });
});
