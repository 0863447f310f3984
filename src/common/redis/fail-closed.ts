import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Runs a Redis call; if Redis cannot answer, refuses the request with 503 rather than going on
 * without the shared state (a revoked token must not pass because the denylist is unreachable).
 */
export async function failClosed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw new ServiceUnavailableException('Shared state is unavailable; retry shortly');
  }
}
