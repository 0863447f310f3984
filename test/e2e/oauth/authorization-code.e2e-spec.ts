import request from 'supertest';
import { decode } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { AuthorizationCodeEntity } from '../../../src/auth/authorize/authorization-code.entity';
import { ClientsService } from '../../../src/clients/clients.service';
import { UsersService } from '../../../src/users/users.service';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { authorizePath, Browser, consent, formFields, pkce, signIn } from '../../support/authorize';
import { postForm } from '../../support/oauth';

const CALLBACK = 'https://app.example.com/callback';

describe('authorization code with PKCE (contract section 3a)', () => {
  let t: TestApp;
  let user: { id: string; username: string };
  let appClient: string;
  let otherClient: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_LOGIN_FAILURES: '3' });
    user = await t.createUser('user');
    const clients = t.app.get(ClientsService);
    appClient = (
      await clients.create({
        name: 'Shop app',
        scopes: ['read', 'orders:write'],
        public: true,
        redirectUris: [CALLBACK],
      })
    ).client.id;
    otherClient = (
      await clients.create({
        name: 'Other app',
        scopes: ['read'],
        public: true,
        redirectUris: [CALLBACK],
      })
    ).client.id;
  });
  afterAll(() => t.close());

  const browser = (): Browser => request.agent(t.app.getHttpServer());
  const authorize = (params: Record<string, string | undefined> = {}) => {
    const { verifier, challenge } = pkce();
    const path = authorizePath({
      response_type: 'code',
      client_id: appClient,
      redirect_uri: CALLBACK,
      scope: 'items:read orders:read',
      state: 'state-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...params,
    });
    return { path, verifier };
  };
  const callback = (location: string) => new URL(location).searchParams;
  const exchange = (code: string, verifier: string, clientId = appClient, redirectUri = CALLBACK) =>
    postForm(t, '/auth/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: clientId,
    });

  /** Through the pages as a person would: sign in, consent to `scopes`, get the code. */
  async function obtainCode(b: Browser = browser(), scopes = ['items:read']) {
    const { path, verifier } = authorize();
    const signInPage = await b.get(path);
    const signedIn = await signIn(b, signInPage.text, user.username, PASSWORD);
    const consentPage = await b.get(signedIn.headers.location);
    const approved = await consent(b, consentPage.text, scopes);
    return { code: callback(approved.headers.location).get('code')!, verifier };
  }

  it('signs in, asks consent (one scope unticked) and issues a token with exactly the consented scopes', async () => {
    const b = browser();
    const { path, verifier } = authorize();
    const signInPage = await b.get(path);
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(signInPage.text).toContain('<label for="username">Username</label>');

    const signedIn = await signIn(b, signInPage.text, user.username, PASSWORD);
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers['set-cookie'] as unknown as string[];
    expect(session.join(';')).toMatch(
      /sg_session=[^;]+; Max-Age=900; Path=\/auth\/authorize; HttpOnly; SameSite=Lax/,
    );
    expect(session.join(';')).not.toContain('Secure');

    const consentPage = await b.get(signedIn.headers.location);
    expect(consentPage.status).toBe(200);
    expect(consentPage.text).toContain('Shop app');
    expect(consentPage.text).toContain('View items');
    expect(consentPage.text).toContain('View your orders');
    expect(consentPage.headers['content-security-policy']).toContain(
      "form-action 'self' https://app.example.com",
    );

    const approved = await consent(b, consentPage.text, ['items:read']);
    expect(approved.status).toBe(303);
    const params = callback(approved.headers.location);
    expect(approved.headers.location.startsWith(`${CALLBACK}?`)).toBe(true);
    expect(params.get('state')).toBe('state-123');
    expect(params.get('iss')).toBe('http://localhost:3000');

    const tokens = await exchange(params.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'items:read',
      refresh_token: expect.any(String),
    });
    expect(decode(tokens.body.access_token)).toMatchObject({
      scope: 'items:read',
      sub: user.id,
      client_id: appClient,
    });
    expect((await t.http().get('/items').set(bearer(tokens.body.access_token))).status).toBe(200);
    expect((await t.http().get('/orders').set(bearer(tokens.body.access_token))).status).toBe(403);
  });

  it('skips the password on a second authorization in the same browser', async () => {
    const b = browser();
    await obtainCode(b);
    const again = await b.get(authorize().path);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Allow access?');
    expect(again.text).not.toContain('name="password"');
  });

  it('reports a denial to the client as access_denied', async () => {
    const b = browser();
    const page = await b.get(authorize().path);
    const consentPage = await b.get(
      (await signIn(b, page.text, user.username, PASSWORD)).headers.location,
    );
    const denied = await consent(b, consentPage.text, ['items:read'], 'deny');
    expect(callback(denied.headers.location).get('error')).toBe('access_denied');
  });

  describe('never redirects to an address that is not exactly registered', () => {
    it.each([
      ['an unknown client', { client_id: 'no-such-client' }],
      ['no redirect URI', { redirect_uri: undefined }],
      ['an unregistered redirect URI', { redirect_uri: 'https://evil.example.com/callback' }],
      ['a prefix of it', { redirect_uri: 'https://app.example.com/call' }],
      ['an extension of it', { redirect_uri: 'https://app.example.com/callback/../evil' }],
      ['an extra path', { redirect_uri: 'https://app.example.com/callback/more' }],
      ['another port', { redirect_uri: 'https://app.example.com:8443/callback' }],
      ['another case', { redirect_uri: 'https://APP.example.com/Callback' }],
      ['an added query', { redirect_uri: 'https://app.example.com/callback?x=1' }],
    ])('%s: shown on scopegate’s page', async (_label, params) => {
      const response = await browser().get(authorize(params).path);
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('This request cannot continue');
    });
  });

  describe('reports other errors to the client, with state and iss', () => {
    it.each([
      [
        'missing PKCE',
        { code_challenge: undefined, code_challenge_method: undefined },
        'invalid_request',
      ],
      ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
      ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request'],
      ['another response type', { response_type: 'token' }, 'unsupported_response_type'],
      ['an unknown scope', { scope: 'items:read items:steal' }, 'invalid_scope'],
    ])('%s → %s', async (_label, params, error) => {
      const response = await browser().get(authorize(params).path);
      expect(response.status).toBe(303);
      const result = callback(response.headers.location);
      expect(result.get('error')).toBe(error);
      expect(result.get('state')).toBe('state-123');
      expect(result.get('iss')).toBe('http://localhost:3000');
      expect(result.get('code')).toBeNull();
    });
  });

  describe('the code', () => {
    it('needs the right PKCE verifier', async () => {
      const { code, verifier } = await obtainCode();
      const wrong = await exchange(code, `${verifier.slice(0, -1)}x`);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toBe('invalid_grant');
      expect((await exchange(code, verifier)).status).toBe(200);
    });

    it('expires after 60 seconds', async () => {
      const { code, verifier } = await obtainCode();
      await t.app
        .get(DataSource)
        .createQueryBuilder()
        .update(AuthorizationCodeEntity)
        .set({ expiresAt: 1 })
        .execute();
      expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
    });

    it('works once: a replay is refused and revokes the tokens it issued', async () => {
      const { code, verifier } = await obtainCode();
      const first = await exchange(code, verifier);
      expect(first.status).toBe(200);
      const replay = await exchange(code, verifier);
      expect(replay.body.error).toBe('invalid_grant');
      expect((await t.http().get('/items').set(bearer(first.body.access_token))).status).toBe(401);
      const refresh = await postForm(t, '/auth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.body.refresh_token,
        client_id: appClient,
      });
      expect(refresh.body.error).toBe('invalid_grant');
    });

    it('is bound to its client and its redirect URI', async () => {
      const { code, verifier } = await obtainCode();
      expect((await exchange(code, verifier, otherClient)).body.error).toBe('invalid_grant');
      expect(
        (await exchange(code, verifier, appClient, 'https://app.example.com/other')).body.error,
      ).toBe('invalid_grant');
      expect((await exchange(code, verifier)).status).toBe(200);
    });

    it('stops working when the user is disabled before it is redeemed', async () => {
      const victim = await t.createUser('user');
      const b = browser();
      const { path, verifier } = authorize();
      const page = await b.get(path);
      const consentPage = await b.get(
        (await signIn(b, page.text, victim.username, PASSWORD)).headers.location,
      );
      const code = callback(
        (await consent(b, consentPage.text, ['items:read'])).headers.location,
      ).get('code')!;
      await t.app.get(UsersService).update(victim.id, { disabled: true });
      expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
    });
  });

  describe('the pages', () => {
    it('refuse a missing or wrong CSRF token', async () => {
      const b = browser();
      const page = await b.get(authorize().path);
      const { request: pending } = formFields(page.text);
      const missing = await b
        .post('/auth/authorize/signin')
        .type('form')
        .send({ request: pending, username: user.username, password: PASSWORD });
      expect(missing.status).toBe(400);
      const wrong = await b.post('/auth/authorize/signin').type('form').send({
        request: pending,
        csrf: 'forged.token',
        username: user.username,
        password: PASSWORD,
      });
      expect(wrong.status).toBe(403);
      const fromAnotherBrowser = await signIn(browser(), page.text, user.username, PASSWORD);
      expect(fromAnotherBrowser.status).toBe(403);
      const consentWithoutCookie = await consent(browser(), page.text, ['items:read']);
      expect(consentWithoutCookie.status).toBe(403);
    });

    it('refuse a tampered pending request', async () => {
      const b = browser();
      const page = await b.get(authorize().path);
      const { request: pending, csrf } = formFields(page.text);
      const [payload, signature] = pending.split('.');
      const altered = JSON.parse(Buffer.from(payload, 'base64url').toString());
      altered.redirectUri = 'https://evil.example.com/';
      const forged = `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
      const response = await b
        .post('/auth/authorize/signin')
        .type('form')
        .send({ request: forged, csrf, username: user.username, password: PASSWORD });
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
    });

    it('answer a wrong password and an unknown user alike, and throttle failures', async () => {
      const b = browser();
      const page = await b.get(authorize().path);
      const wrong = await signIn(b, page.text, user.username, 'not-the-password');
      const unknown = await signIn(b, page.text, 'nobody-at-all', 'not-the-password');
      expect(wrong.status).toBe(400);
      expect(unknown.status).toBe(400);
      const normalize = (html: string, username: string) =>
        html.replace(`value="${username}"`, 'value=""');
      expect(normalize(unknown.text, 'nobody-at-all')).toBe(normalize(wrong.text, user.username));
      await signIn(b, page.text, user.username, 'not-the-password');
      await signIn(b, page.text, user.username, 'not-the-password');
      const locked = await signIn(b, page.text, user.username, PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});

describe('sign-in cookies outside localhost', () => {
  it('are Secure when the issuer is not a loopback address', async () => {
    const t = await startApp({ JWT_ISSUER: 'https://auth.example.com' });
    try {
      const { challenge } = pkce();
      const b = request.agent(t.app.getHttpServer());
      const page = await b.get(
        authorizePath({
          response_type: 'code',
          client_id: 'scopegate-docs',
          redirect_uri: 'https://auth.example.com/docs/oauth2-redirect.html',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }),
      );
      expect(page.status).toBe(200);
      // A client on plain HTTP never gets such a cookie back to the server; the attribute is the proof.
      expect((page.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(
        /sg_csrf=[^;]+; Path=\/auth\/authorize; HttpOnly; Secure; SameSite=Strict/,
      );
    } finally {
      await t.close();
    }
  });
});

describe('PASSWORD_GRANT=false', () => {
  it('refuses the password grant and leaves it out of the metadata and of Swagger UI', async () => {
    const t = await startApp({ PASSWORD_GRANT: 'false' });
    try {
      const user = await t.createUser('user');
      const response = await postForm(t, '/auth/token', {
        grant_type: 'password',
        username: user.username,
        password: PASSWORD,
      });
      expect(response.body.error).toBe('unsupported_grant_type');
      const metadata = (await t.http().get('/.well-known/oauth-authorization-server')).body;
      expect(metadata.grant_types_supported).not.toContain('password');
      expect(metadata.grant_types_supported).toContain('authorization_code');
      const flows = (await t.http().get('/docs-json')).body.components.securitySchemes.oauth2.flows;
      expect(Object.keys(flows).sort()).toEqual(['authorizationCode', 'clientCredentials']);
    } finally {
      await t.close();
    }
  });
});
