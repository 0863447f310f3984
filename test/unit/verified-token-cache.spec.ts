import { MAX_VERIFIED_TOKENS, VerifiedTokenCache } from '../../src/auth/token/verified-token-cache';

describe('VerifiedTokenCache', () => {
  const nowSeconds = 1_800_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(nowSeconds * 1000));
  afterEach(() => jest.restoreAllMocks());

  it('answers for the very token it was given, and for no other', () => {
    const cache = new VerifiedTokenCache();
    cache.set('header.payload.signature', { sub: 'u1', exp: nowSeconds + 60 });
    expect(cache.get('header.payload.signature')).toEqual({ sub: 'u1', exp: nowSeconds + 60 });
    expect(cache.get('header.payload.signaturX')).toBeUndefined();
    expect(cache.get('header.payload.signature ')).toBeUndefined();
  });

  it('never answers at or past the token expiry', () => {
    const cache = new VerifiedTokenCache();
    cache.set('a.b.c', { exp: nowSeconds + 1 });
    expect(cache.get('a.b.c')).toBeDefined();
    jest.spyOn(Date, 'now').mockReturnValue((nowSeconds + 1) * 1000);
    expect(cache.get('a.b.c')).toBeUndefined();
    jest.spyOn(Date, 'now').mockReturnValue(nowSeconds * 1000);
    expect(cache.get('a.b.c')).toBeUndefined();
  });

  it('keeps a bounded number of tokens, forgetting the oldest first', () => {
    const cache = new VerifiedTokenCache();
    for (let i = 0; i <= MAX_VERIFIED_TOKENS; i++) cache.set(`t.${i}.s`, { exp: nowSeconds + 60 });
    expect(cache.get('t.0.s')).toBeUndefined();
    expect(cache.get('t.1.s')).toBeDefined();
    expect(cache.get(`t.${MAX_VERIFIED_TOKENS}.s`)).toBeDefined();
  });
});
