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
