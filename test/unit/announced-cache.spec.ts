import { AnnouncedCache } from '../../src/common/redis/announced-cache';

/** The per-instance cache of answers that a change anywhere must evict (see announced-cache.ts). */
describe('AnnouncedCache', () => {
  const cache = () =>
    new AnnouncedCache<string>(null, {
      name: 'test',
      channel: 'test-changed',
      max: 10,
      ttlWithoutRedisMs: 60_000,
    });

  it('keeps an answer until its key is announced as changed', async () => {
    const answers = cache();
    let stored = 'v1';
    const load = jest.fn(async () => stored);
    expect(await answers.get('k', load)).toBe('v1');
    stored = 'v2';
    expect(await answers.get('k', load)).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
    await answers.announce('k');
    expect(await answers.get('k', load)).toBe('v2');
  });

  it('does not keep an answer loaded before a change announced while it was loading', async () => {
    const answers = cache();
    let stored = 'before';
    const stale = await answers.get('k', async () => {
      const read = stored;
      stored = 'after';
      await answers.announce('k');
      return read;
    });
    expect(stale).toBe('before');
    expect(await answers.get('k', async () => stored)).toBe('after');
  });
});
