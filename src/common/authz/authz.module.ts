import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppThrottlerGuard } from '../throttling/app-throttler.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RouteAccessReader } from './route-access';
import { ScopesGuard } from './scopes.guard';

/**
 * The authorization primitives, applied to every route in this order: request limits (cheapest,
 * first), the access token, its scopes. It imports no feature module: the `jwt` strategy that
 * JwtAuthGuard runs is registered by name by the AuthModule.
 */
@Global()
@Module({
  providers: [
    RouteAccessReader,
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
  ],
  exports: [RouteAccessReader],
})
export class AuthzModule {}
