import Redis, { ReplyError } from 'ioredis';

/**
 * A Redis connection that dies without closing (a NAT, firewall or load balancer forgetting the
 * flow) raises no event, and TCP keep-alive takes hours to notice. Each connection therefore sends
 * a PING this often, and one that has answered none for SILENT_AFTER_MS is taken for dead and
 * replaced. The traffic also keeps such middleboxes from dropping an idle flow.
 */
export const CONNECTION_CHECK_MS = 1_000;
/** Longer than a slow Redis takes to answer (an fsync stall, a fork): only a dead flow is silent so long. */
export const SILENT_AFTER_MS = 3_000;

/** Watches `redis` as above until it ends for good; `onSilent` runs before it is replaced. */
export function replaceWhenSilent(redis: Redis, onSilent: () => void): void {
  let lastAnswer = Date.now();
  const answered = () => (lastAnswer = Date.now());
  redis.on('ready', answered);
  const timer = setInterval(() => {
    if (redis.status !== 'ready') return;
    if (Date.now() - lastAnswer < SILENT_AFTER_MS) {
      // An error reply (BUSY, NOPERM) is an answer too: the connection is alive.
      redis.ping().then(answered, (error) => error instanceof ReplyError && answered());
      return;
    }
    // Decided after this turn's I/O, so that an answer waiting behind a busy event loop counts.
    setImmediate(() => {
      if (Date.now() - lastAnswer < SILENT_AFTER_MS || redis.status !== 'ready') return;
      onSilent();
      // As a network error would: ioredis reconnects with its retry strategy.
      redis.stream.destroy();
    });
  }, CONNECTION_CHECK_MS);
  timer.unref();
  redis.once('end', () => clearInterval(timer));
}
