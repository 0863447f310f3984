import { DataSource } from 'typeorm';
import { UsersService } from '../../../src/users/users.service';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { postForm, registerClient, RegisteredClient } from '../../support/oauth';

describe('refresh tokens, revocation and introspection (RFC 6749 §6, RFC 7009, RFC 7662)', () => {
  let t: TestApp;
  let user: { id: string; username: string };
  let resourceServer: RegisteredClient;
  let otherClient: RegisteredClient;

  beforeAll(async () => {
    t = await startApp();
    user = await t.createUser('user');
    const admin = await t.createUser('admin');
    const adminToken = await t.token(admin.username);
    resourceServer = await registerClient(t, adminToken, ['items:read'], 'resource-server');
    otherClient = await registerClient(t, adminToken, ['items:read'], 'other');
  });
  afterAll(() => t.close());

  const login = async (scope?: string) => {
    const form: Record<string, string> = {
      grant_type: 'password',
      username: user.username,
      password: PASSWORD,
    };
    if (scope) form.scope = scope;
    const response = await postForm(t, '/auth/token', form);
    expect(response.status).toBe(200);
    return response.body as { access_token: string; refresh_token: string; scope: string };
  };
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    postForm(t, '/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...extra,
    });
  const me = (accessToken: string) => t.http().get('/users/me').set(bearer(accessToken));
  const introspect = (token: string, client: RegisteredClient | undefined = resourceServer) =>
    postForm(t, '/auth/introspect', { token }, client);
  const revoke = (token: string, basic?: RegisteredClient, hint?: string) =>
    postForm(t, '/auth/revoke', hint ? { token, token_type_hint: hint } : { token }, basic);

  describe('rotation', () => {
    it('rotates: a new pair, and the old refresh token stops working', async () => {
      const first = await login();
      const second = await refresh(first.refresh_token);
      expect(second.status).toBe(200);
      expect(second.headers['cache-control']).toBe('no-store');
      expect(second.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'read orders:write',
        refresh_token: expect.any(String),
      });
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect((await me(second.body.access_token)).status).toBe(200);
      expect((await refresh(second.body.refresh_token)).status).toBe(200);
    });

    it('revokes the whole chain and its access tokens when a rotated token is presented again', async () => {
      const first = await login();
      const second = (await refresh(first.refresh_token)).body;
      const third = (await refresh(second.refresh_token)).body;
      expect((await me(third.access_token)).status).toBe(200);

      const replay = await refresh(first.refresh_token);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_grant');

      for (const access of [first.access_token, second.access_token, third.access_token]) {
        const response = await me(access);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      }
      expect((await refresh(third.refresh_token)).body.error).toBe('invalid_grant');
    });

    it('lets only one of two simultaneous refreshes win, and then ends the chain', async () => {
      const first = await login();
      const [a, b] = await Promise.all([
        refresh(first.refresh_token),
        refresh(first.refresh_token),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 400]);
      const winner = a.status === 200 ? a : b;
      expect((await refresh(winner.body.refresh_token)).body.error).toBe('invalid_grant');
    });

    it('refuses an expired refresh token, with the same answer as an unknown one', async () => {
      const { refresh_token: token } = await login();
      await t.app.get(DataSource).query('UPDATE "refresh_tokens" SET "expiresAt" = 1');
      const expired = await refresh(token);
      const unknown = await refresh('no-such-token');
      expect(expired.status).toBe(400);
      expect(expired.text).toBe(unknown.text);
      expect(expired.body.error).toBe('invalid_grant');
    });

    it('may narrow the scope, even to an implied scope, but never widen it', async () => {
      const { refresh_token: token } = await login('read');
      const narrowed = await refresh(token, { scope: 'items:read' });
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.scope).toBe('items:read');
      // The refresh token keeps the original grant: narrowing once does not narrow the chain.
      const back = await refresh(narrowed.body.refresh_token, { scope: 'read' });
      expect(back.body.scope).toBe('read');
      const widened = await refresh(back.body.refresh_token, { scope: 'read orders:write' });
      expect(widened.status).toBe(400);
      expect(widened.body.error).toBe('invalid_scope');
    });

    it('refuses a refresh token presented by another client', async () => {
      const { refresh_token: token } = await login();
      const response = await postForm(
        t,
        '/auth/token',
        { grant_type: 'refresh_token', refresh_token: token },
        otherClient,
      );
      expect(response.body.error).toBe('invalid_grant');
    });

    it('ends the chain when the user changes role', async () => {
      const victim = await t.createUser('user');
      const response = await postForm(t, '/auth/token', {
        grant_type: 'password',
        username: victim.username,
        password: PASSWORD,
      });
      await t.app.get(UsersService).update(victim.id, { role: 'editor' });
      expect((await refresh(response.body.refresh_token)).body.error).toBe('invalid_grant');
    });

    it('answers invalid_request without the refresh_token parameter', async () => {
      const response = await postForm(t, '/auth/token', { grant_type: 'refresh_token' });
      expect(response.body.error).toBe('invalid_request');
    });

    it('stores only a hash of each refresh token', async () => {
      const { refresh_token: token } = await login();
      const rows = await t.app.get(DataSource).query('SELECT * FROM "refresh_tokens"');
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows.every((row: { tokenHash: string }) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(
        true,
      );
    });
  });

  describe('revocation', () => {
    it('revokes an access token: rejected on its next use, though accepted before', async () => {
      const { access_token: access, refresh_token: refreshToken } = await login();
      expect((await me(access)).status).toBe(200);
      const response = await revoke(access);
      expect(response.status).toBe(200);
      expect((await me(access)).status).toBe(401);
      expect((await refresh(refreshToken)).status).toBe(200);
    });

    it('revokes a refresh token with its chain and the access tokens issued from it', async () => {
      const first = await login();
      const second = (await refresh(first.refresh_token)).body;
      expect((await revoke(second.refresh_token, undefined, 'refresh_token')).status).toBe(200);
      expect((await refresh(second.refresh_token)).body.error).toBe('invalid_grant');
      expect((await me(second.access_token)).status).toBe(401);
      expect((await me(first.access_token)).status).toBe(401);
    });

    it('answers 200 to a token it does not know', async () => {
      expect((await revoke('not-a-token')).status).toBe(200);
    });

    it('does not let a registered client revoke another client’s token (still 200)', async () => {
      const { access_token: access } = await login();
      const response = await revoke(access, otherClient);
      expect(response.status).toBe(200);
      expect((await me(access)).status).toBe(200);
    });

    it('refuses a wrong client secret with 401 invalid_client', async () => {
      const response = await revoke('x', { id: resourceServer.id, secret: 'wrong' });
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_client');
    });
  });

  describe('introspection', () => {
    it('describes an active access token', async () => {
      const { access_token: access } = await login('items:read');
      const response = await introspect(access);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({
        active: true,
        token_type: 'Bearer',
        scope: 'items:read',
        client_id: 'scopegate-web',
        sub: user.id,
        exp: expect.any(Number),
        iat: expect.any(Number),
        iss: 'http://localhost:3000',
        aud: 'scopegate-api',
        jti: expect.any(String),
      });
    });

    it('describes an active refresh token, and a rotated one as inactive', async () => {
      const { refresh_token: token } = await login();
      expect((await introspect(token)).body).toMatchObject({
        active: true,
        token_type: 'refresh_token',
        sub: user.id,
        scope: 'read orders:write',
      });
      await refresh(token);
      expect((await introspect(token)).body).toEqual({ active: false });
    });

    it('answers {"active": false} for revoked, forged and unknown tokens', async () => {
      const { access_token: access } = await login();
      await revoke(access);
      for (const token of [access, `${access.slice(0, -4)}AAAA`, 'nonsense']) {
        expect((await introspect(token)).body).toEqual({ active: false });
      }
    });

    it('answers 401 invalid_client without client authentication, or from a public client', async () => {
      const { access_token: access } = await login();
      for (const response of [
        await postForm(t, '/auth/introspect', { token: access }),
        await postForm(t, '/auth/introspect', { token: access }, { id: '', secret: '' }),
        await postForm(t, '/auth/introspect', { token: access, client_id: 'scopegate-web' }),
        await introspect(access, { id: resourceServer.id, secret: 'wrong' }),
      ]) {
        expect(response.status).toBe(401);
        expect(response.body.error).toBe('invalid_client');
        expect(response.headers['www-authenticate']).toBe('Basic realm="scopegate"');
      }
    });
  });
});
