import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from './public.decorator';
import { SCOPES_KEY } from './scopes.decorator';

export interface RouteAccess {
  readonly isPublic: boolean;
  /** Every scope the route requires: the controller's and the handler's. */
  readonly scopes: readonly string[];
}

/**
 * What a route demands, read once per controller and handler from their decorators; both guards
 * ask here. Keyed by both: a handler inherited from a base class is one function shared by every
 * controller that extends it, each with its own class-level decorators.
 */
@Injectable()
export class RouteAccessReader {
  private readonly cache = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {}

  forContext(context: ExecutionContext): RouteAccess {
    return this.forHandler(context.getHandler(), context.getClass());
  }

  forHandler(handler: object, controller: object): RouteAccess {
    let byHandler = this.cache.get(controller);
    if (!byHandler) this.cache.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      access = this.read(handler as () => void, controller as () => void);
      byHandler.set(handler, access);
    }
    return access;
  }

  /**
   * A route is public when marked so and no scope applies to it, with one exception: a handler's
   * own `@Public()` opts it out of its controller's `@Scopes`. Any other mix fails closed (a
   * handler's own `@Scopes` under a `@Public()` controller still needs a token), as the OpenAPI
   * document shows it.
   */
  private read(handler: () => void, controller: () => void): RouteAccess {
    const own = <T>(key: string, target: () => void) =>
      this.reflector.get<T | undefined>(key, target);
    const handlerScopes = own<string[]>(SCOPES_KEY, handler) ?? [];
    const controllerScopes = own<string[]>(SCOPES_KEY, controller) ?? [];
    const isPublic =
      handlerScopes.length === 0 &&
      (own<boolean>(IS_PUBLIC_KEY, handler) === true ||
        (own<boolean>(IS_PUBLIC_KEY, controller) === true && controllerScopes.length === 0));
    return { isPublic, scopes: [...new Set([...handlerScopes, ...controllerScopes])] };
  }
}
