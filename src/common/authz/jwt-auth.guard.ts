import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { TokenExpiredError } from 'jsonwebtoken';
import { InvalidTokenException, MissingTokenException } from './bearer-errors';
import { AuthenticatedRequest, Principal } from './principal';
import { RouteAccessReader } from './route-access';

export const ACCESS_TOKEN_STRATEGY = 'jwt';

/**
 * Global authentication: every route needs a valid bearer token unless marked @Public(). Turns
 * passport's bare failures into RFC 6750 challenges.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  constructor(private readonly routes: RouteAccessReader) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    return this.routes.forContext(context).isPublic || super.canActivate(context);
  }

  override handleRequest<TUser = Principal>(
    error: unknown,
    principal: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (error instanceof Error) throw error;
    if (principal) return principal;
    const header = context.switchToHttp().getRequest<AuthenticatedRequest>().headers.authorization;
    if (!header || !/^bearer(\s|$)/i.test(header)) throw new MissingTokenException();
    throw new InvalidTokenException(
      info instanceof TokenExpiredError
        ? 'The access token expired'
        : 'The access token is invalid',
    );
  }
}
