import { randomUUID } from 'node:crypto';
import { decode, JwtPayload } from 'jsonwebtoken';
import request from 'supertest';
import { RefreshTokenService } from '../../../src/auth/refresh/refresh-token.service';
import { ClientsService } from '../../../src/clients/clients.service';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { authorizePath, Browser, consent, pkce, signIn } from '../../support/authorize';
import { postForm, RegisteredClient } from '../../support/oauth';

const CALLBACK = 'https://weak.example.com/callback';

/**
 * Promise: a token never holds more than the user's role allows AND the client's registered scopes
 * allow, in every grant. Each grant is tried from the weakest client (registered with items:read
 * only) by an admin, whose role allows everything.
 */
describe('client scope ceilings in every grant', () => {
  let t: TestApp;
  let admin: { id: string; username: string };
  let user: { id: string; username: string };
  let weakPublic: string;
  let weakService: RegisteredClient;

  beforeAll(async () => {
    t = await startApp();
    admin = await t.createUser('admin');
    user = await t.createUser('user');
    const clients = t.app.get(ClientsService);
    weakPublic = (
      await clients.create({
        name: 'Weak app',
        scopes: ['items:read'],
        public: true,
        redirectUris: [CALLBACK],
      })
    ).client.id;
    const service = await clients.create({ name: 'Weak service', scopes: ['items:read'] });
    weakService = { id: service.client.id, secret: service.secret! };
  });
  afterAll(() => t.close());

  const claims = (token: string) => decode(token) as JwtPayload;
  const password = (username: string, extra: Record<string, string> = {}) =>
    postForm(t, '/auth/token', {
      grant_type: 'password',
      client_id: weakPublic,
      username,
      password: PASSWORD,
      ...extra,
    });
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    postForm(t, '/auth/token', {
      grant_type: 'refresh_token',
      client_id: weakPublic,
      refresh_token: refreshToken,
      ...extra,
    });

  describe('password grant', () => {
    it('gives an admin signing in through the weak client items:read, not admin', async () => {
      const response = await password(admin.username);
      expect(response.status).toBe(200);
      expect(response.body.scope).toBe('items:read');
      expect(claims(response.body.access_token)).toMatchObject({
        scope: 'items:read',
        client_id: weakPublic,
      });
      const users = await t.http().get('/users').set(bearer(response.body.access_token));
      expect(users.status).toBe(403);
    });

    it('leaves out what the client may not have, and refuses when nothing is left', async () => {
      const mixed = await password(admin.username, { scope: 'admin users:delete items:read' });
      expect(mixed.status).toBe(200);
      expect(mixed.body.scope).toBe('items:read');
      const refused = await password(admin.username, { scope: 'admin' });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_scope');
    });

    it('expands a role through the implication table: role read through items:read gives items:read', async () => {
      const response = await password(user.username);
      expect(response.status).toBe(200);
      expect(response.body.scope).toBe('items:read');
    });

    it('gives by default the most that role and client both allow', async () => {
      const cashier = await t.app.get(ClientsService).create({
        name: 'Cashier',
        scopes: ['read', 'payments:process'],
        public: true,
        redirectUris: [CALLBACK],
      });
      const form = { grant_type: 'password', client_id: cashier.client.id, password: PASSWORD };
      const asAdmin = await postForm(t, '/auth/token', { ...form, username: admin.username });
      expect(asAdmin.body.scope.split(' ').sort()).toEqual(['payments:process', 'read']);
      const asUser = await postForm(t, '/auth/token', { ...form, username: user.username });
      expect(asUser.body.scope).toBe('read');
    });
  });

  describe('refresh grant', () => {
    it('never widens a weak client’s token, asked or not', async () => {
      const issued = await password(admin.username);
      const widened = await refresh(issued.body.refresh_token, { scope: 'admin' });
      expect(widened.status).toBe(400);
      expect(widened.body.error).toBe('invalid_scope');

      const again = await password(admin.username);
      const refreshed = await refresh(again.body.refresh_token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.scope).toBe('items:read');
    });

    it('caps a chain granted beyond the client’s ceiling (before the ceiling was checked)', async () => {
      // A refresh token such as the password grant issued before client ceilings were enforced.
      const legacy = await t.app.get(RefreshTokenService).issue(
        {
          userId: admin.id,
          clientId: weakPublic,
          scope: 'admin',
          tokenVersion: 0,
          familyId: randomUUID(),
        },
        { accessTokenId: randomUUID(), accessTokenExpiresAt: Math.floor(Date.now() / 1000) },
      );
      const refreshed = await refresh(legacy);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.scope).toBe('items:read');
      expect(claims(refreshed.body.access_token).scope).toBe('items:read');

      const asked = await refresh(refreshed.body.refresh_token, { scope: 'users:delete' });
      expect(asked.status).toBe(400);
      expect(asked.body.error).toBe('invalid_scope');
    });
  });

  describe('authorization code grant', () => {
    const browser = (): Browser => request.agent(t.app.getHttpServer());

    async function codeFlow(
      username: string,
      scope: string | undefined,
      tick: string[],
      clientId = weakPublic,
    ) {
      const b = browser();
      const { verifier, challenge } = pkce();
      const path = authorizePath({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: CALLBACK,
        scope,
        state: 'weak-state',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const signInPage = await b.get(path);
      expect(signInPage.status).toBe(200);
      const signedIn = await signIn(b, signInPage.text, username, PASSWORD);
      const consentPage = await b.get(signedIn.headers.location);
      return { b, verifier, consentPage, approve: () => consent(b, consentPage.text, tick) };
    }

    const redeem = (location: string, verifier: string, clientId = weakPublic) =>
      postForm(t, '/auth/token', {
        grant_type: 'authorization_code',
        code: new URL(location).searchParams.get('code')!,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
        client_id: clientId,
      });

    it('offers a role-read user items:read when no scope is asked (not invalid_scope)', async () => {
      const flow = await codeFlow(user.username, undefined, ['items:read']);
      expect(flow.consentPage.status).toBe(200);
      expect(flow.consentPage.text).toContain('value="items:read"');
      expect(flow.consentPage.text).not.toContain('value="read"');
      const approved = await flow.approve();
      expect(approved.status).toBe(303);
      const tokens = await redeem(approved.headers.location, flow.verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body.scope).toBe('items:read');
    });

    it('offers an admin only items:read, and a forged tick of admin grants nothing more', async () => {
      const flow = await codeFlow(admin.username, undefined, ['items:read', 'admin']);
      expect(flow.consentPage.status).toBe(200);
      expect(flow.consentPage.text).not.toContain('value="admin"');
      const approved = await flow.approve();
      const tokens = await redeem(approved.headers.location, flow.verifier);
      expect(tokens.status).toBe(200);
      expect(tokens.body.scope).toBe('items:read');
    });

    it('grants only ticked scopes that were offered: a forged tick within role and client grants nothing', async () => {
      // orders:read is within the user's role and this client's scopes, but it was not asked for,
      // so the consent page never offered it: only the consent filter keeps it out.
      const { client } = await t.app.get(ClientsService).create({
        name: 'Reader app',
        scopes: ['read'],
        public: true,
        redirectUris: [CALLBACK],
      });
      const forged = ['items:read', 'orders:read'];
      const both = await codeFlow(user.username, 'items:read', forged, client.id);
      expect(both.consentPage.text).not.toContain('value="orders:read"');
      const approved = await both.approve();
      const tokens = await redeem(approved.headers.location, both.verifier, client.id);
      expect([tokens.status, tokens.body.scope]).toEqual([200, 'items:read']);
    });

    it('answers invalid_scope at the redirect URI when only scopes beyond the client are asked', async () => {
      const { challenge } = pkce();
      const answer = await browser().get(
        authorizePath({
          response_type: 'code',
          client_id: weakPublic,
          redirect_uri: CALLBACK,
          scope: 'admin',
          state: 'weak-state',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }),
      );
      expect(answer.status).toBe(303);
      const params = new URL(answer.headers.location).searchParams;
      expect(params.get('error')).toBe('invalid_scope');
      expect(params.get('state')).toBe('weak-state');
    });
  });

  describe('client credentials grant', () => {
    const clientCredentials = (extra: Record<string, string> = {}) =>
      postForm(t, '/auth/token', { grant_type: 'client_credentials', ...extra }, weakService);

    it('grants the client’s own scopes and nothing beyond them', async () => {
      const plain = await clientCredentials();
      expect(plain.status).toBe(200);
      expect(plain.body.scope).toBe('items:read');
      const mixed = await clientCredentials({ scope: 'admin items:read' });
      expect(mixed.body.scope).toBe('items:read');
      const refused = await clientCredentials({ scope: 'admin' });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_scope');
    });
  });
});
