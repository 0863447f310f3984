import { resolveImplications } from '@scopegate/nest-scopes';
import { ALL_SCOPES, expandScopes, SCOPE_TABLE } from '../../src/common/authz/scope-table';

describe('scope implications', () => {
  it('resolves the real table', () => {
    expect(() => resolveImplications(SCOPE_TABLE)).not.toThrow();
    expect(ALL_SCOPES).toHaveLength(14);
  });

  it('is transitive: write implies items:read through read and items:write', () => {
    expect([...expandScopes(['write'])].sort()).toEqual(
      ['items:read', 'items:write', 'orders:read', 'orders:write', 'read', 'write'].sort(),
    );
  });

  it('gives admin every scope', () => {
    expect([...expandScopes(['admin'])].sort()).toEqual([...ALL_SCOPES].sort());
  });

  it('gives a fine-grained scope nothing beyond what it names', () => {
    expect([...expandScopes(['items:read'])]).toEqual(['items:read']);
    expect([...expandScopes(['payments:process'])].sort()).toEqual([
      'orders:read',
      'payments:process',
    ]);
  });

  it('fails on a cycle, naming it', () => {
    const table = [
      { name: 'a', description: 'a', implies: ['b'] },
      { name: 'b', description: 'b', implies: ['c'] },
      { name: 'c', description: 'c', implies: ['a'] },
    ];
    expect(() => resolveImplications(table)).toThrow('Scope implication cycle: a -> b -> c -> a');
  });

  it('fails on a scope implying itself', () => {
    expect(() => resolveImplications([{ name: 'a', description: 'a', implies: ['a'] }])).toThrow(
      /cycle/,
    );
  });

  it('fails on an unknown implied name', () => {
    const table = [{ name: 'a', description: 'a', implies: ['nope'] }];
    expect(() => resolveImplications(table)).toThrow('Scope "a" implies unknown scope "nope"');
  });

  it('fails on a duplicate name', () => {
    const table = [
      { name: 'a', description: 'a', implies: [] },
      { name: 'a', description: 'again', implies: [] },
    ];
    expect(() => resolveImplications(table)).toThrow('Scope "a" is declared twice');
  });
});
