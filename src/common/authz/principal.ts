import { ForbiddenException } from '@nestjs/common';
import {
  CurrentPrincipal as CurrentTokenPrincipal,
  Principal as TokenPrincipal,
} from '@scopegate/nest-scopes';
import { WithResponseHeaders } from '../http/response-headers';
import { Role, Scope } from './scope-table';

/** The `realm` of scopegate's Bearer challenges. */
export const BEARER_REALM = 'scopegate';

/** Who a valid scopegate access token speaks for: a user, or a client acting for itself. */
export interface Principal extends TokenPrincipal<Scope> {
  readonly kind: 'user' | 'client';
  /** A user id, or a client id for client-credentials tokens. */
  readonly subject: string;
  readonly clientId: string;
  readonly role?: Role;
  readonly tokenId: string;
}

/** The request's principal as scopegate's checks completed it (see TokenStateCheck). */
export const CurrentPrincipal = CurrentTokenPrincipal;

/** A client token on a route that acts for a user: no scope would help, so none is named. */
export class UserTokenRequiredException extends ForbiddenException implements WithResponseHeaders {
  static readonly MESSAGE = 'This route acts for a user; a client token has none';
  readonly responseHeaders = {
    'WWW-Authenticate': `Bearer realm="${BEARER_REALM}", error="insufficient_scope", error_description="A user token is required"`,
  };

  constructor() {
    super(UserTokenRequiredException.MESSAGE);
  }
}

/** The user a principal acts for; a client token (client credentials) has none: 403. */
export function requireUser(principal: Principal): string {
  if (principal.kind !== 'user') throw new UserTokenRequiredException();
  return principal.subject;
}
