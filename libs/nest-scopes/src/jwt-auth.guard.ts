import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { TokenExpiredError } from 'jsonwebtoken';
import { InvalidTokenException, isBearerChallenge, MissingTokenException } from './bearer-errors';
import { SCOPES_JWT_STRATEGY } from './jwt.strategy';
import { SCOPES_REALM } from './module-options';
import { Principal } from './principal';
import { RouteAccessReader } from './route-access';

/**
 * The bearer guard: every route needs a valid access token unless marked @Public(). Turns
 * passport's bare failures into RFC 6750 challenges.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(SCOPES_JWT_STRATEGY) {
  constructor(
    private readonly routes: RouteAccessReader,
    @Inject(SCOPES_REALM) private readonly realm: string,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    if (this.routes.forContext(context).isPublic) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = Principal>(
    error: unknown,
    principal: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (isBearerChallenge(error)) error.realm ??= this.realm;
    if (error instanceof Error) throw error;
    if (principal) return principal;
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>()
      .headers.authorization;
    if (typeof header !== 'string' || !/^bearer(\s|$)/i.test(header)) {
      throw new MissingTokenException(this.realm);
    }
    throw new InvalidTokenException(
      info instanceof TokenExpiredError
        ? 'The access token expired'
        : 'The access token is invalid',
      this.realm,
    );
  }
}
