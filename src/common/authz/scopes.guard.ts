import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InsufficientScopeException } from './bearer-errors';
import { AuthenticatedRequest } from './principal';
import { RouteAccessReader } from './route-access';

/** Runs after JwtAuthGuard: the token is valid; now it must hold (or imply) every required scope. */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly routes: RouteAccessReader) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.routes.forContext(context);
    if (access.isPublic) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!principal) return false;
    const missing = access.scopes.filter((scope) => !principal.effectiveScopes.has(scope));
    if (missing.length > 0) throw new InsufficientScopeException(access.scopes, missing);
    return true;
  }
}
