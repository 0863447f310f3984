import { defineScopes, MAX_SCOPE_EXPANSIONS } from '@scopegate/nest-scopes';

/** A small table through the library's public API: a diamond and a chain. */
const catalog = () =>
  defineScopes([
    { name: 'a:read', description: 'a', implies: [] },
    { name: 'b:read', description: 'b', implies: [] },
    { name: 'a:write', description: 'a', implies: ['a:read'] },
    { name: 'read', description: 'both', implies: ['a:read', 'b:read'] },
    { name: 'write', description: 'all writes', implies: ['read', 'a:write'] },
    { name: 'root', description: 'everything', implies: ['write'] },
  ]);

describe('defineScopes: implications through the library’s public API', () => {
  it('lists every name in table order and knows exactly those', () => {
    const scopes = catalog();
    expect(scopes.names).toEqual(['a:read', 'b:read', 'a:write', 'read', 'write', 'root']);
    expect(scopes.isScope('a:write')).toBe(true);
    expect(scopes.isScope('A:WRITE')).toBe(false);
    expect(scopes.isScope('nope')).toBe(false);
  });

  it('expands transitively, each scope included, a diamond counted once', () => {
    const scopes = catalog();
    expect([...scopes.expand(['root'])].sort()).toEqual(
      ['a:read', 'a:write', 'b:read', 'read', 'root', 'write'].sort(),
    );
    expect([...scopes.expand(['read', 'a:write'])].sort()).toEqual(
      ['a:read', 'a:write', 'b:read', 'read'].sort(),
    );
    expect([...scopes.expand(['a:read'])]).toEqual(['a:read']);
    expect(scopes.expand([]).size).toBe(0);
  });

  it('never implies upwards', () => {
    const scopes = catalog();
    expect(scopes.expand(['a:write']).has('write')).toBe(false);
    expect(scopes.expand(['read']).has('a:write')).toBe(false);
  });

  it('keeps one expansion per set of scopes, in any order, and at most MAX_SCOPE_EXPANSIONS', () => {
    const scopes = catalog();
    scopes.expand(['read', 'a:write']);
    scopes.expand(['a:write', 'read']);
    expect(scopes.expansionsKept()).toBe(1);
    // Names outside the table grant nothing, but each set still takes a place: bounded.
    for (let i = 0; i < MAX_SCOPE_EXPANSIONS + 50; i++) {
      expect(scopes.expand([`unknown-${i}`] as unknown as 'read'[]).size).toBe(0);
    }
    expect(scopes.expansionsKept()).toBe(MAX_SCOPE_EXPANSIONS);
  });

  it('refuses a table with a cycle, a duplicate or an unknown implied name', () => {
    expect(() =>
      defineScopes([
        { name: 'x', description: 'x', implies: ['y'] },
        { name: 'y', description: 'y', implies: ['x'] },
      ]),
    ).toThrow('Scope implication cycle: x -> y -> x');
    expect(() =>
      defineScopes([
        { name: 'x', description: 'x', implies: [] },
        { name: 'x', description: 'x', implies: [] },
      ]),
    ).toThrow('Scope "x" is declared twice');
    expect(() => defineScopes([{ name: 'x', description: 'x', implies: ['z'] }])).toThrow(
      'Scope "x" implies unknown scope "z"',
    );
  });
});
