import { ALL_SCOPES } from '../common/authz/scope-implications';
import { Scope } from '../common/authz/scope-table';

/** A client as the authorization server sees it, built-in or registered. */
export interface OAuthClient {
  readonly id: string;
  readonly name: string;
  /** The most a client_credentials token of this client may hold. */
  readonly scopes: readonly Scope[];
  /** Public clients have no secret; they act for a user, never on their own. */
  readonly isPublic: boolean;
}

/** The client of password-grant tokens when a request names none (contract section 3). */
export const PUBLIC_WEB_CLIENT: OAuthClient = {
  id: 'scopegate-web',
  name: 'scopegate web (built-in public client)',
  scopes: ALL_SCOPES,
  isPublic: true,
};

export const BUILT_IN_CLIENTS: ReadonlyMap<string, OAuthClient> = new Map(
  [PUBLIC_WEB_CLIENT].map((client) => [client.id, client]),
);
