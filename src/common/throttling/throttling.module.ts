import { ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { seconds, ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig, appConfig } from '../../config/app.config';
import { REDIS } from '../redis/redis.module';
import { AppThrottlerGuard } from './app-throttler.guard';
import { SharedThrottlerStorage } from './shared-throttler-storage';
import { isCredentialEndpoint } from './credential-endpoint.decorator';

const clientAddress = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<{ ip: string }>().ip;

/**
 * Request limits (@nestjs/throttler): a generous default per address and route, and on the OAuth
 * endpoints instead a ceiling per address. Counters live in the throttler's storage — in Redis when
 * configured, so all instances count together — the failed-login limit keeps its own (LoginAttempts).
 * Its guard is the first of the global guards: the cheapest check runs before any token is read.
 * Each `skipIf` reads only the route and the configuration: the guard asks once per route.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [appConfig.KEY, REDIS],
      useFactory: ({ throttle, redis: redisConfig }: AppConfig, redis: Redis | null) => ({
        storage:
          redis && redisConfig
            ? new SharedThrottlerStorage(
                new ThrottlerStorageRedisService(redis),
                `${redisConfig.keyPrefix}throttle:`,
              )
            : undefined,
        errorMessage: 'Too many requests; retry after the number of seconds in Retry-After',
        throttlers: [
          {
            name: 'default',
            ttl: seconds(60),
            limit: throttle.defaultPerMinute,
            skipIf: (context) => throttle.defaultPerMinute === 0 || isCredentialEndpoint(context),
          },
          {
            name: 'token',
            ttl: seconds(60),
            limit: throttle.tokenPerMinute,
            skipIf: (context) => !isCredentialEndpoint(context),
            generateKey: (context) => `token-endpoint:${clientAddress(context)}`,
          },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: AppThrottlerGuard }],
})
export class ThrottlingModule {}
