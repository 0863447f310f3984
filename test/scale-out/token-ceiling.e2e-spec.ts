import { postForm, Replicas, startReplicas } from '../support/replicas';

/**
 * With the per-route limit off, the throttler guard skips ordinary routes (decided once per
 * route); the token endpoint's ceiling per address must still hold for a burst spread over two
 * replicas counting in one Redis.
 */
describe('the token endpoint ceiling over two replicas, the per-route limit off', () => {
  let replicas: Replicas;

  beforeAll(async () => {
    replicas = await startReplicas({ THROTTLE_TOKEN_PER_MINUTE: '20', TRUST_PROXY: 'true' });
  });
  afterAll(() => replicas?.close());

  it('cuts a burst of 30 from one address, split over A and B, at exactly 20', async () => {
    const { a, b } = replicas;
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postForm(
          (i % 2 ? a : b).url,
          '/auth/token',
          { grant_type: 'client_credentials' },
          { 'x-forwarded-for': '198.51.100.30' },
        ),
      ),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });

  it('counts nothing on an ordinary route, on either replica', async () => {
    const { a, b } = replicas;
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/items`, { headers: { 'x-forwarded-for': '198.51.100.31' } }),
      ),
    );
    expect(burst.map((response) => response.status)).toEqual(Array(60).fill(401));
    expect(burst.some((response) => response.headers.has('x-ratelimit-limit'))).toBe(false);
  });
});
