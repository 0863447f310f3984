import { DataSource } from 'typeorm';
import { ClientEntity } from '../../../src/clients/client.entity';
import { bearer, startApp, TestApp } from '../../support/app';
import { pkce, registerShopApp } from '../../support/authorize';

const CALLBACK = 'https://app.example.com/callback';
const ISSUER = 'http://localhost:3000';
/** Hosts that validator.js's isURL accepts but WHATWG URL parsing (what redirects use) refuses. */
const UNPARSABLE = ['http://xn--a/cb', 'http://a.0x100000000/cb'];

/**
 * Promise (RFC 6749 section 4.1.2.1): an authorization request whose client or redirect URI cannot
 * be trusted is answered on scopegate's own page and never redirected; once both are verified,
 * every other error (a repeated, over-long or hostile parameter included) goes back to the client's
 * redirect URI as error=invalid_request, with state and iss. A redirect URI that cannot be parsed
 * the way redirects parse it is refused at registration.
 */
describe('authorization request errors', () => {
  let t: TestApp;
  let admin: string;
  let clientId: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0', THROTTLE_TOKEN_PER_MINUTE: '100000' });
    admin = await t.token((await t.createUser('admin')).username, 'admin');
    clientId = await registerShopApp(t, CALLBACK);
  });
  afterAll(() => t.close());

  /** A valid request's parameters, as pairs (so that a test can repeat one), changed by `edit`. */
  function authorize(edit: (pairs: Array<[string, string]>) => Array<[string, string]> = (p) => p) {
    const pairs: Array<[string, string]> = [
      ['response_type', 'code'],
      ['client_id', clientId],
      ['redirect_uri', CALLBACK],
      ['scope', 'items:read'],
      ['state', 'state-42'],
      ['code_challenge', pkce().challenge],
      ['code_challenge_method', 'S256'],
    ];
    return t.http().get(`/auth/authorize?${new URLSearchParams(edit(pairs)).toString()}`);
  }
  const repeat = (name: string, value: string) => (pairs: Array<[string, string]>) => [
    ...pairs,
    [name, value] as [string, string],
  ];
  const replace = (name: string, value: string) => (pairs: Array<[string, string]>) =>
    pairs.map(([key, old]): [string, string] => [key, key === name ? value : old]);

  describe('registration', () => {
    it.each(UNPARSABLE)('refuses the redirect URI %s with 400', async (uri) => {
      const response = await t
        .http()
        .post('/clients')
        .set(bearer(admin))
        .send({ name: 'odd', scopes: ['read'], public: true, redirectUris: [uri] });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain('redirectUris');
    });

    it.each(UNPARSABLE)(
      'answers a client registered earlier with %s on its own page, not 500',
      async (uri) => {
        const stored = await t.app
          .get(DataSource)
          .getRepository(ClientEntity)
          .save({
            name: 'legacy',
            scope: 'read',
            secretHash: null,
            isPublic: true,
            redirectUris: [uri],
          });
        const response = await authorize((pairs) =>
          replace('client_id', stored.id)(replace('redirect_uri', uri)(pairs)),
        );
        expect(response.status).toBe(400);
        expect(response.headers.location).toBeUndefined();
        expect(response.text).toContain('This request cannot continue');
      },
    );
  });

  describe('after the client and redirect URI are verified, errors go to the client', () => {
    const cases: Array<[string, (pairs: Array<[string, string]>) => Array<[string, string]>]> = [
      ['a repeated scope', repeat('scope', 'read')],
      ['a repeated response_type', repeat('response_type', 'code')],
      ['a repeated code_challenge', repeat('code_challenge', pkce().challenge)],
      ['a repeated code_challenge_method', repeat('code_challenge_method', 'S256')],
      ['an over-long scope', replace('scope', 'items:read '.repeat(200).trim())],
      ['an over-long code_challenge', replace('code_challenge', 'a'.repeat(500))],
      ['an over-long response_type', replace('response_type', 'code'.repeat(100))],
      ['a NUL in the scope', replace('scope', 'items:read\u0000')],
      ['a NUL in an unknown parameter', repeat('prompt', 'login\u0000')],
    ];

    it.each(cases)('%s: error=invalid_request with state and iss', async (_name, edit) => {
      const response = await authorize(edit);
      expect(response.status).toBe(303);
      const location = new URL(response.headers.location);
      expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toEqual(expect.any(String));
      expect(location.searchParams.get('state')).toBe('state-42');
      expect(location.searchParams.get('iss')).toBe(ISSUER);
      expect(location.searchParams.get('code')).toBeNull();
    });

    it.each([
      ['repeated', repeat('state', 'state-43')],
      ['over-long', replace('state', 's'.repeat(600))],
      ['holding a NUL', replace('state', 'state\u0000')],
    ])('a state %s: error=invalid_request, without a state it cannot echo', async (_n, edit) => {
      const response = await authorize(edit);
      expect(response.status).toBe(303);
      const location = new URL(response.headers.location);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.has('state')).toBe(false);
      expect(location.searchParams.get('iss')).toBe(ISSUER);
    });

    it('ignores unknown parameters (RFC 6749 section 3.1)', async () => {
      const response = await authorize(repeat('prompt', 'login'));
      expect(response.status).toBe(200);
      expect(response.text).toContain('name="password"');
    });
  });

  describe('an untrusted client or redirect URI is never redirected to', () => {
    it.each([
      ['a repeated client_id', repeat('client_id', 'scopegate-docs')],
      ['a repeated redirect_uri', repeat('redirect_uri', CALLBACK)],
      ['an over-long redirect_uri', replace('redirect_uri', `${CALLBACK}?${'x'.repeat(3000)}`)],
      ['a NUL in the client_id', replace('client_id', `${clientId}\u0000`)],
      ['a NUL in the redirect_uri', replace('redirect_uri', `${CALLBACK}\u0000`)],
      ['an unknown client', replace('client_id', '00000000-0000-4000-8000-000000000000')],
      ['an unregistered redirect URI', replace('redirect_uri', `${CALLBACK}/other`)],
    ])('%s: 400 on scopegate’s page', async (_name, edit) => {
      const response = await authorize(edit);
      expect(response.status).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    });
  });
});
