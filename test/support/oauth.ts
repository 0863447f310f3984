import { PASSWORD, TestApp } from './app';

/** POST a form to an OAuth endpoint, optionally with HTTP Basic client credentials. */
export function postForm(
  t: TestApp,
  path: string,
  form: Record<string, string>,
  basic?: { id: string; secret: string },
) {
  const call = t.http().post(path).type('form');
  if (basic) call.auth(encodeURIComponent(basic.id), encodeURIComponent(basic.secret));
  return call.send(form);
}

export interface RegisteredClient {
  id: string;
  secret: string;
}

/** Registers a client through the API, as an admin would; a public one has an empty secret. */
export async function registerClientWith(
  t: TestApp,
  adminToken: string,
  body: { name: string; scopes: string[]; public?: boolean; redirectUris?: string[] },
): Promise<RegisteredClient> {
  const response = await t
    .http()
    .post('/clients')
    .set('Authorization', `Bearer ${adminToken}`)
    .send(body);
  if (response.status !== 201)
    throw new Error(`register client: ${response.status} ${response.text}`);
  return { id: response.body.client_id, secret: response.body.client_secret ?? '' };
}

/** A user's tokens by the password grant through a public client (its id, or scopegate-web). */
export async function passwordGrantVia(
  t: TestApp,
  username: string,
  clientId: string,
): Promise<{ access_token: string; refresh_token: string }> {
  const response = await postForm(t, '/auth/token', {
    grant_type: 'password',
    username,
    password: PASSWORD,
    client_id: clientId,
  });
  if (response.status !== 200)
    throw new Error(`password grant: ${response.status} ${response.text}`);
  return response.body as { access_token: string; refresh_token: string };
}

/** The refresh-token grant through a public client; the response, whatever its status. */
export const refreshVia = (t: TestApp, refreshToken: string, clientId: string) =>
  postForm(t, '/auth/token', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });

/** Registers a confidential client through the API, as an admin would. */
export const registerClient = (
  t: TestApp,
  adminToken: string,
  scopes: string[],
  name = 'test-client',
): Promise<RegisteredClient> => registerClientWith(t, adminToken, { name, scopes });

/**
 * RFC 6749 sections 4.1.2.1 and 5.2 (and RFC 6750 section 3): an error_description holds only
 * printable ASCII but `"` and `\`.
 */
export const ERROR_DESCRIPTION_CHARSET = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

/** Every error_description a response carries: in a JSON body, a redirect, or a challenge. */
export function errorDescriptions(response: {
  headers: Record<string, unknown>;
  /** The raw body: supertest's `text`, or light-my-request's `body`. */
  text?: string;
  body?: unknown;
}): string[] {
  const found: string[] = [];
  const raw = typeof response.body === 'string' ? response.body : response.text;
  let body: unknown;
  try {
    body = JSON.parse(raw ?? '');
  } catch {
    body = undefined;
  }
  const description = (body as { error_description?: unknown } | undefined)?.error_description;
  if (description !== undefined) {
    found.push(typeof description === 'string' ? description : JSON.stringify(description));
  }
  const location = response.headers.location;
  if (typeof location === 'string') {
    found.push(
      ...new URL(location, 'http://scopegate.test').searchParams.getAll('error_description'),
    );
  }
  const challenge = response.headers['www-authenticate'];
  if (typeof challenge === 'string') {
    // The last parameter of scopegate's challenges: up to the closing quote, a stray `"` included.
    const match = /error_description="(.*)"$/.exec(challenge);
    if (match) found.push(match[1]);
  }
  return found;
}
