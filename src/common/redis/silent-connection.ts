import Redis from 'ioredis';

/**
 * A Redis connection that dies without closing (a NAT, firewall or load balancer forgetting the
 * flow) raises no event, and TCP keep-alive takes hours to notice. Each connection is therefore
 * asked for a PING this often; one still unanswered at the next check means the connection is
 * dead, and it is replaced. The traffic also keeps such middleboxes from dropping an idle flow.
 */
export const CONNECTION_CHECK_MS = 1_000;

/** Watches `redis` as above until it ends for good; `onSilent` runs before it is replaced. */
export function replaceWhenSilent(redis: Redis, onSilent: () => void): void {
  let unanswered = false;
  redis.on('ready', () => (unanswered = false));
  const timer = setInterval(() => {
    if (redis.status !== 'ready') return;
    if (!unanswered) {
      unanswered = true;
      redis.ping().then(
        () => (unanswered = false),
        () => undefined,
      );
      return;
    }
    // Decided after this turn's I/O, so that an answer waiting behind a busy event loop counts.
    setImmediate(() => {
      if (!unanswered || redis.status !== 'ready') return;
      onSilent();
      redis.disconnect(true);
    });
  }, CONNECTION_CHECK_MS);
  timer.unref();
  redis.once('end', () => clearInterval(timer));
}
