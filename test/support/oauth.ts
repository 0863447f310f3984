import { TestApp } from './app';

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

/** Registers a confidential client through the API, as an admin would. */
export async function registerClient(
  t: TestApp,
  adminToken: string,
  scopes: string[],
  name = 'test-client',
): Promise<RegisteredClient> {
  const response = await t
    .http()
    .post('/clients')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ name, scopes });
  if (response.status !== 201)
    throw new Error(`register client: ${response.status} ${response.text}`);
  return { id: response.body.client_id, secret: response.body.client_secret };
}
