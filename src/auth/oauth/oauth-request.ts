import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { OAuthClient } from '../../clients/oauth-client';

/** What the client-authentication step learned: the validated form and the calling client. */
export interface OAuthRequest<Params extends object> {
  readonly params: Params;
  readonly client: OAuthClient;
}

const OAUTH_REQUEST = Symbol('scopegate.oauthRequest');

type CarryingRequest = FastifyRequest & { [OAUTH_REQUEST]?: OAuthRequest<object> };

/** The one way onto the request: set once by ClientAuthenticationGuard. */
export function attachOAuthRequest(request: FastifyRequest, value: OAuthRequest<object>): void {
  (request as CarryingRequest)[OAUTH_REQUEST] = value;
}

/** The one way off it; only routes behind ClientAuthenticationGuard have one. */
export function oauthRequestOf<Params extends object>(
  request: FastifyRequest,
): OAuthRequest<Params> {
  const value = (request as CarryingRequest)[OAUTH_REQUEST];
  if (!value) throw new Error('This route does not authenticate its client');
  return value as OAuthRequest<Params>;
}

/** The handler's view of oauthRequestOf. */
export const CurrentOAuthRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    oauthRequestOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
