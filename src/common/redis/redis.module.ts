import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, appConfig } from '../../config/app.config';
import { backendErrors } from '../metrics/metrics';
import { replaceWhenSilent } from './silent-connection';

/** The shared Redis client, or null when REDIS_URL is unset (one instance, state in process). */
export const REDIS = Symbol('REDIS');

const READY_TIMEOUT_MS = 5000;
/** A command unanswered this long fails (503) instead of holding its request on a dead connection. */
const COMMAND_TIMEOUT_MS = 2000;

async function connect(url: string, keyPrefix: string): Promise<Redis> {
  const logger = new Logger('Redis');
  const redis = new Redis(url, {
    keyPrefix,
    // Fail at once while disconnected instead of queueing: callers answer 503 (fail closed).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // A command lost with its connection fails (503) rather than running again after its caller
    // was answered: a failed sign-in must not be counted twice.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  replaceWhenSilent(redis, () => logger.warn('Redis did not answer for a while: reconnecting'));
  let reported = false;
  redis.on('error', (error: Error) => {
    backendErrors.inc({ backend: 'redis' });
    if (!reported) logger.warn(`Redis unavailable: ${error.message}`);
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.log('Redis available again');
    reported = false;
  });
  // Start even if Redis is down: readiness says so, and it reconnects by itself.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, READY_TIMEOUT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redis;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [appConfig.KEY],
      useFactory: ({ redis }: AppConfig) => (redis ? connect(redis.url, redis.keyPrefix) : null),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis?.disconnect();
  }
}
