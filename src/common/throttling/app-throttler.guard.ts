import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

/**
 * ThrottlerGuard with the standard header names on every route: Retry-After (RFC 9110) when
 * refused, and X-RateLimit-* without the throttler's name (a route is under one throttler only).
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override setResponseHeader(response: FastifyReply, name: string, value: number): void {
    response.header(name.replace(/-token$/, ''), value);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
