import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { ClientsService } from '../../src/clients/clients.service';
import { TestApp } from './app';

/** A PKCE pair (RFC 7636): the verifier, and its S256 challenge. */
export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export type Browser = ReturnType<typeof request.agent>;

/** The hidden fields of the page's form. */
export function formFields(html: string): { request: string; csrf: string } {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  return { request: field('request'), csrf: field('csrf') };
}

export function authorizePath(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `/auth/authorize?${query.toString()}`;
}

export const signIn = (browser: Browser, page: string, username: string, password: string) =>
  browser
    .post('/auth/authorize/signin')
    .type('form')
    .send({ ...formFields(page), username, password });

export const consent = (browser: Browser, page: string, scopes: string[], decision = 'approve') =>
  browser
    .post('/auth/authorize/consent')
    .type('form')
    .send(
      new URLSearchParams([
        ...Object.entries(formFields(page)),
        ...scopes.map((scope) => ['scope', scope]),
        ['decision', decision],
      ]).toString(),
    );

/** Registers the public client "Shop app" (scope `read`) with one redirect URI; its id. */
export async function registerShopApp(t: TestApp, redirectUri: string): Promise<string> {
  const created = await t.app.get(ClientsService).create({
    name: 'Shop app',
    scopes: ['read'],
    public: true,
    redirectUris: [redirectUri],
  });
  return created.client.id;
}
