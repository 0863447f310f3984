import { ALL_SCOPES } from '../common/authz/scope-table';
import { Scope } from '../common/authz/scope-table';

/** A client as the authorization server sees it, built-in or registered. */
export interface OAuthClient {
  readonly id: string;
  readonly name: string;
  /** The most a token of this client may hold (for a user, the user's role bounds it too). */
  readonly scopes: readonly Scope[];
  /** Public clients have no secret; they act for a user, never on their own. */
  readonly isPublic: boolean;
  /** Where authorization codes may be sent: exact matches only. */
  readonly redirectUris: readonly string[];
}

export const PUBLIC_WEB_CLIENT_ID = 'scopegate-web';

/** Where Swagger UI is served, its built-in public client for the code flow, and its redirect. */
export const DOCS_PATH = 'docs';
export const DOCS_CLIENT_ID = 'scopegate-docs';
export const DOCS_REDIRECT_PATH = `/${DOCS_PATH}/oauth2-redirect.html`;

/**
 * The built-in public clients: `scopegate-web`, the client of password-grant requests that name none
 * (see the README), and `scopegate-docs`, Swagger UI's client for the code flow.
 */
export function builtInClients(issuer: string): ReadonlyMap<string, OAuthClient> {
  const clients: OAuthClient[] = [
    {
      id: PUBLIC_WEB_CLIENT_ID,
      name: 'scopegate web (built-in public client)',
      scopes: ALL_SCOPES,
      isPublic: true,
      redirectUris: [],
    },
    {
      id: DOCS_CLIENT_ID,
      name: 'scopegate API docs (Swagger UI)',
      scopes: ALL_SCOPES,
      isPublic: true,
      redirectUris: [`${issuer}${DOCS_REDIRECT_PATH}`],
    },
  ];
  return new Map(clients.map((client) => [client.id, client]));
}
