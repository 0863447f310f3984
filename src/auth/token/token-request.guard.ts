import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { PASSWORD_STRATEGY } from '../strategies/local.strategy';
import { invalidGrant, OAuthError } from './oauth-error';
import { tokenRequestOf } from './token-request';

/**
 * Validates the token request and its client; for the password grant, runs the passport-local
 * strategy. Every failure speaks RFC 6749 section 5.2, never Nest's bare 401.
 */
@Injectable()
export class TokenRequestGuard extends AuthGuard(PASSWORD_STRATEGY) {
  override canActivate(context: ExecutionContext) {
    const { params } = tokenRequestOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (params.grant_type !== 'password') return true;
    if (params.username === undefined || params.password === undefined) {
      throw new OAuthError('invalid_request', 'The password grant needs username and password');
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof Error) throw error;
    if (!user) throw invalidGrant();
    return user;
  }
}
