import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { TooManyRequestsException } from '../errors/too-many-requests.exception';

/**
 * ThrottlerGuard with the standard header names on every route: a 429 of the error family (with
 * Retry-After) when refused, and X-RateLimit-* without the throttler's name (a route is under one throttler only).
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  /** Per controller class, then handler: whether every throttler skips that route. */
  private readonly uncountedRoutes = new WeakMap<object, WeakMap<object, boolean>>();

  /**
   * A route no throttler counts (every `skipIf` says so) skips the guard's per-request work. The
   * throttlers' `skipIf` (ThrottlingModule) read only the route and the configuration, so the
   * answer is worked out once per route.
   */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const controller = context.getClass();
    const handler = context.getHandler();
    let routes = this.uncountedRoutes.get(controller);
    if (!routes) this.uncountedRoutes.set(controller, (routes = new WeakMap()));
    let skipped = routes.get(handler);
    if (skipped === undefined) {
      skipped = this.throttlers.every(
        (throttler) => (throttler.skipIf ?? this.commonOptions.skipIf)?.(context) === true,
      );
      routes.set(handler, skipped);
    }
    return Promise.resolve(skipped);
  }

  protected override setResponseHeader(response: FastifyReply, name: string, value: number): void {
    response.header(name.replace(/-token$/, ''), value);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequestsException(
      await this.getErrorMessage(context, detail),
      detail.timeToBlockExpire,
    );
  }
}
