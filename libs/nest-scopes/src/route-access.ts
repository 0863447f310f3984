import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from './public.decorator';
import { SCOPES_KEY } from './scopes.decorator';

export interface RouteAccess {
  readonly isPublic: boolean;
  /** Every scope the route requires: the controller's and the handler's. */
  readonly scopes: readonly string[];
}

/** What a route demands, read once per handler from its decorators; both guards ask here. */
@Injectable()
export class RouteAccessReader {
  private readonly cache = new WeakMap<object, RouteAccess>();

  constructor(private readonly reflector: Reflector) {}

  forContext(context: ExecutionContext): RouteAccess {
    return this.forHandler(context.getHandler(), context.getClass());
  }

  forHandler(handler: object, controller: object): RouteAccess {
    let access = this.cache.get(handler);
    if (!access) {
      const targets = [handler, controller] as Array<() => void>;
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false,
        scopes: [...new Set(this.reflector.getAllAndMerge<string[]>(SCOPES_KEY, targets))],
      };
      this.cache.set(handler, access);
    }
    return access;
  }
}
