import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { InsufficientScopeException } from './bearer-errors';
import { SCOPES_REALM } from './module-options';
import { Principal } from './principal';
import { RouteAccessReader } from './route-access';

/** Runs after JwtAuthGuard: the token is valid; now it must hold (or imply) every required scope. */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessReader,
    @Inject(SCOPES_REALM) private readonly realm: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.routes.forContext(context);
    if (access.isPublic) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) return false;
    const granted = principal.effectiveScopes;
    const missing = access.scopes.filter((scope) => !granted.has(scope));
    if (missing.length > 0) {
      throw new InsufficientScopeException(access.scopes, missing, undefined, this.realm);
    }
    return true;
  }
}
