import {
  CurrentPrincipal as CurrentTokenPrincipal,
  Principal as TokenPrincipal,
} from '@scopegate/nest-scopes';
import { UserTokenRequiredException } from '../errors/user-token-required.exception';
import { Role, Scope } from './scope-table';

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

/** The user a principal acts for; a client token (client credentials) has none: 403. */
export function requireUser(principal: Principal): string {
  if (principal.kind !== 'user') throw new UserTokenRequiredException();
  return principal.subject;
}
