import { checkAuthorizationRequest } from '../../src/auth/authorize/authorization-request';
import { OAuthClient } from '../../src/clients/oauth-client';

const REGISTERED = 'https://app.example/callback';
const LOOPBACK = 'http://127.0.0.1:8765/callback';

const client: OAuthClient = {
  id: 'unit-app',
  name: 'a unit test client',
  scopes: ['items:read', 'orders:read'],
  isPublic: true,
  redirectUris: [REGISTERED, LOOPBACK],
};

const request = (overrides: Record<string, unknown> = {}) => ({
  response_type: 'code',
  client_id: client.id,
  redirect_uri: REGISTERED,
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
  state: 'xyz',
  ...overrides,
});

describe('checkAuthorizationRequest: the redirect URI must match a registered one exactly', () => {
  it.each([REGISTERED, LOOPBACK])('trusts the registered %s', (redirectUri) => {
    const check = checkAuthorizationRequest(request({ redirect_uri: redirectUri }), client);
    expect(check).toMatchObject({ kind: 'ok', request: { clientId: 'unit-app', redirectUri } });
  });

  it.each([
    ['another case in the host', 'https://APP.example/callback'],
    ['another case in the path', 'https://app.example/Callback'],
    ['a trailing slash', 'https://app.example/callback/'],
    ['a longer path', 'https://app.example/callback/more'],
    ['a prefix of it', 'https://app.example/call'],
    ['a query added', 'https://app.example/callback?next=1'],
    ['a fragment added', 'https://app.example/callback#x'],
    ['http for https', 'http://app.example/callback'],
    ['an explicit default port', 'https://app.example:443/callback'],
    ['another port', 'https://app.example:8443/callback'],
    ['a subdomain', 'https://evil.app.example/callback'],
    ['another loopback port', 'http://127.0.0.1:8766/callback'],
    ['localhost for 127.0.0.1', 'http://localhost:8765/callback'],
  ])('refuses %s on its own page, never redirecting', (_, redirectUri) => {
    expect(checkAuthorizationRequest(request({ redirect_uri: redirectUri }), client)).toEqual({
      kind: 'refuse',
      message: 'This application asked to send you to an address it has not registered.',
    });
  });

  it('refuses a missing or repeated redirect_uri, and an unknown client, on its own page', () => {
    expect(checkAuthorizationRequest(request({ redirect_uri: undefined }), client).kind).toBe(
      'refuse',
    );
    expect(
      checkAuthorizationRequest(request({ redirect_uri: [REGISTERED, REGISTERED] }), client).kind,
    ).toBe('refuse');
    expect(checkAuthorizationRequest(request(), null)).toEqual({
      kind: 'refuse',
      message: 'This application is not known to scopegate.',
    });
  });

  it('does not trust a registered URI that redirects could not parse', () => {
    const odd = { ...client, redirectUris: ['https://app.example/cb#frag'] };
    expect(
      checkAuthorizationRequest(request({ redirect_uri: odd.redirectUris[0] }), odd).kind,
    ).toBe('refuse');
  });

  it('sends later errors to the trusted redirect URI, with state', () => {
    expect(checkAuthorizationRequest(request({ code_challenge_method: 'plain' }), client)).toEqual({
      kind: 'redirect-error',
      redirectUri: REGISTERED,
      state: 'xyz',
      error: 'invalid_request',
      description: 'code_challenge_method must be S256',
    });
    expect(checkAuthorizationRequest(request({ scope: 'users:read' }), client)).toMatchObject({
      kind: 'redirect-error',
      error: 'invalid_scope',
    });
  });
});
