import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UserTokenRequiredException } from './bearer-errors';
import { Role, Scope } from './scope-table';

/** Who a valid access token speaks for; set on the request by the JWT strategy. */
export interface Principal {
  readonly kind: 'user' | 'client';
  /** The token's `sub`: a user id, or a client id for client-credentials tokens. */
  readonly subject: string;
  readonly clientId: string;
  readonly role?: Role;
  /** Scopes written in the token. */
  readonly scopes: readonly Scope[];
  /** Those scopes with every implication expanded. */
  readonly effectiveScopes: ReadonlySet<Scope>;
  readonly tokenId: string;
  readonly expiresAt: number;
}

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);

/** The user a principal acts for; a client token (client credentials) has none: 403. */
export function requireUser(principal: Principal): string {
  if (principal.kind !== 'user') {
    throw new UserTokenRequiredException();
  }
  return principal.subject;
}
