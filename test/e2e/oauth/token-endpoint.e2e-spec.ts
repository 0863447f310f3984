import { decode } from 'jsonwebtoken';
import { UsersService } from '../../../src/users/users.service';
import { PASSWORD, startApp, TestApp } from '../../support/app';

describe('POST /auth/token (password grant)', () => {
  let t: TestApp;
  let user: { id: string; username: string };
  let editor: { id: string; username: string };
  let admin: { id: string; username: string };

  beforeAll(async () => {
    t = await startApp();
    user = await t.createUser('user');
    editor = await t.createUser('editor');
    admin = await t.createUser('admin');
  });
  afterAll(() => t.close());

  const post = (form: Record<string, string>) =>
    t.http().post('/auth/token').type('form').send(form);
  const passwordGrant = (username: string, extra: Record<string, string> = {}) =>
    post({ grant_type: 'password', username, password: PASSWORD, ...extra });

  const expectOAuthError = (
    response: { status: number; body: unknown; headers: Record<string, string> },
    status: number,
    error: string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error, error_description: expect.any(String) });
    expect(response.headers['cache-control']).toBe('no-store');
  };

  it('issues an RFC 6749 token response with Cache-Control: no-store', async () => {
    const response = await passwordGrant(user.username);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'read orders:write',
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
  });

  it('signs an RFC 9068 access token: typ at+jwt, kid, and the required claims', async () => {
    const response = await passwordGrant(user.username, { scope: 'items:read' });
    const token = decode(response.body.access_token, { complete: true })!;
    expect(token.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    const payload = token.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      iss: 'http://localhost:3000',
      aud: 'scopegate-api',
      sub: user.id,
      client_id: 'scopegate-web',
      scope: 'items:read',
    });
    expect(payload.exp).toBe((payload.iat as number) + 900);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('accepts the empty HTTP Basic credentials Swagger UI sends', async () => {
    const response = await passwordGrant(user.username).set('Authorization', 'Basic Og==');
    expect(response.status).toBe(200);
  });

  it('refuses other client credentials with 401 invalid_client and a Basic challenge', async () => {
    const response = await passwordGrant(user.username).auth('someone', 'secret');
    expectOAuthError(response, 401, 'invalid_client');
    expect(response.headers['www-authenticate']).toBe('Basic realm="scopegate"');
  });

  it('narrows to the requested scopes (least privilege)', async () => {
    const response = await passwordGrant(admin.username, { scope: 'items:read' });
    expect(response.body.scope).toBe('items:read');
    const fromUser = await passwordGrant(user.username, { scope: 'orders:read' });
    expect(fromUser.body.scope).toBe('orders:read');
  });

  it('leaves out known scopes the role does not allow, and says what it granted', async () => {
    const response = await passwordGrant(user.username, { scope: 'items:read admin users:read' });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('items:read');
  });

  it('never grants admin to a user or an editor', async () => {
    for (const name of [user.username, editor.username]) {
      expectOAuthError(await passwordGrant(name, { scope: 'admin' }), 400, 'invalid_scope');
    }
  });

  it('gives an editor read write delete by default', async () => {
    expect((await passwordGrant(editor.username)).body.scope).toBe('read write delete');
  });

  it('answers invalid_scope for an unknown scope, without repeating what the caller wrote', async () => {
    const response = await passwordGrant(admin.username, { scope: 'items:read items:steal' });
    expectOAuthError(response, 400, 'invalid_scope');
    expect(response.body.error_description).toBe('Unknown scope requested');
  });

  it('answers invalid_request for a missing grant_type, username or password', async () => {
    expectOAuthError(
      await post({ username: user.username, password: PASSWORD }),
      400,
      'invalid_request',
    );
    expectOAuthError(
      await post({ grant_type: 'password', password: PASSWORD }),
      400,
      'invalid_request',
    );
    expectOAuthError(
      await post({ grant_type: 'password', username: user.username }),
      400,
      'invalid_request',
    );
  });

  it('answers invalid_request for a repeated parameter', async () => {
    const response = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send(
        `grant_type=password&username=${user.username}&password=${PASSWORD}&scope=read&scope=admin`,
      );
    expectOAuthError(response, 400, 'invalid_request');
    expect(response.body.error_description).toContain('scope');
  });

  it('answers invalid_request for a JSON body', async () => {
    const response = await t
      .http()
      .post('/auth/token')
      .send({ grant_type: 'password', username: user.username, password: PASSWORD });
    expectOAuthError(response, 400, 'invalid_request');
  });

  it('ignores unknown parameters (RFC 6749 section 3.2)', async () => {
    expect((await passwordGrant(user.username, { foo: 'bar' })).status).toBe(200);
  });

  it('answers unsupported_grant_type for a grant it does not offer', async () => {
    expectOAuthError(
      await post({ grant_type: 'urn:example:magic' }),
      400,
      'unsupported_grant_type',
    );
  });

  it('gives one identical answer for a wrong password, an unknown user and a disabled user', async () => {
    const disabled = await t.createUser('user');
    const users = t.app.get(UsersService);
    await users.update(disabled.id, { disabled: true });

    const wrongPassword = await passwordGrant(user.username, { password: 'not-the-password' });
    const unknownUser = await passwordGrant('nobody-here');
    const disabledUser = await passwordGrant(disabled.username);
    for (const response of [wrongPassword, unknownUser, disabledUser]) {
      expectOAuthError(response, 400, 'invalid_grant');
    }
    expect(unknownUser.text).toBe(wrongPassword.text);
    expect(disabledUser.text).toBe(wrongPassword.text);
  });

  it('finds usernames ignoring case', async () => {
    expect((await passwordGrant(user.username.toUpperCase())).status).toBe(200);
  });
});
