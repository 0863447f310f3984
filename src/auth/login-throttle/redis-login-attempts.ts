import Redis from 'ioredis';
import { failClosed } from '../../common/redis/fail-closed';
import { AttemptAnswer, LoginAttempts } from './login-attempts';

/** Counts unless the limit is reached; answers 0 when counted, else the window's milliseconds left. */
const COUNT = `
local counted = tonumber(redis.call('GET', KEYS[1]) or '0')
if counted >= tonumber(ARGV[1]) then
  return math.max(redis.call('PTTL', KEYS[1]), 1)
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Takes one back, never below zero and never creating a key without an expiry. */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('DECR', KEYS[1]) <= 0 then
  redis.call('DEL', KEYS[1])
end
return 0
`;

/** The attempts every instance shares: one Redis key per pair, each step one Lua script. */
export class RedisLoginAttempts extends LoginAttempts {
  constructor(private readonly redis: Redis) {
    super();
  }

  async count(key: string, limit: number, windowMs: number): Promise<AttemptAnswer> {
    const left = await failClosed(
      () => this.redis.eval(COUNT, 1, `login-attempts:${key}`, limit, windowMs) as Promise<number>,
    );
    return left === 0 ? { counted: true } : { counted: false, retryAfterMs: left };
  }

  async giveBack(key: string): Promise<void> {
    await failClosed(() => this.redis.eval(GIVE_BACK, 1, `login-attempts:${key}`));
  }
}
