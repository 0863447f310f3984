import { readScopeClaim } from '@scopegate/nest-scopes';

/** How the guard library reads scopes from each family of issuers' claims. */
describe('scope claim mapping', () => {
  it('reads a space-separated string (RFC 9068 `scope`, Entra `scp`)', () => {
    expect(readScopeClaim({ scope: 'a  b' })).toEqual(['a', 'b']);
    expect(readScopeClaim({ scp: 'Inventory.Read Inventory.Write' }, 'scp')).toEqual([
      'Inventory.Read',
      'Inventory.Write',
    ]);
  });

  it('reads an array of strings (Okta `scp`, Auth0 `permissions`)', () => {
    expect(readScopeClaim({ permissions: ['read:stock'] }, 'permissions')).toEqual(['read:stock']);
  });

  it('reads nothing from a token without the claim', () => {
    expect(readScopeClaim({ scope: 'a' }, 'permissions')).toEqual([]);
  });

  it('calls a malformed claim malformed: numbers, objects, mixed arrays', () => {
    for (const value of [42, { a: true }, ['a', 1], null]) {
      expect(readScopeClaim({ scope: value })).toBeUndefined();
    }
  });

  it('reads through a function, and calls a throwing one malformed', () => {
    const roles = (claims: Record<string, unknown>) =>
      (claims.realm_access as { roles: string[] }).roles;
    expect(readScopeClaim({ realm_access: { roles: ['admin'] } }, roles)).toEqual(['admin']);
    expect(readScopeClaim({}, roles)).toBeUndefined();
  });
});
