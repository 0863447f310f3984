import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who a valid access token speaks for; set on the request by the JWT strategy. */
export interface Principal<S extends string = string> {
  /** The token's `sub`. */
  readonly subject: string;
  /** The token's `iss`: which trusted issuer vouched for it. */
  readonly issuer: string;
  /** The token's `client_id` (RFC 9068), or `azp` (OpenID Connect), when present. */
  readonly clientId?: string;
  /** The token's scopes known to the app's scope table, after the issuer's claim mapping. */
  readonly scopes: readonly S[];
  /** Those scopes with every implication expanded. */
  readonly effectiveScopes: ReadonlySet<S>;
  /** The token's `jti`, when present. */
  readonly tokenId?: string;
  /** The token's `exp`, in seconds. */
  readonly expiresAt: number;
  /** Every claim of the token, verified. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The principal of the request, as an argument of a route handler. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
