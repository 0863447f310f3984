import { ThrottlerStorage } from '@nestjs/throttler';
import { failClosed } from '../redis/fail-closed';

/**
 * A shared throttler storage under this deployment's key prefix (the Redis storage runs a script,
 * whose keys the client's own prefix does not reach), failing closed with 503 when unreachable.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly prefix: string,
  ) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    return failClosed(() =>
      this.storage.increment(`${this.prefix}${key}`, ttl, limit, blockDuration, throttlerName),
    );
  }
}
