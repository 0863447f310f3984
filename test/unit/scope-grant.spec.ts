import { ALL_SCOPES, ROLE_SCOPES, Scope } from '../../src/common/authz/scope-table';
import {
  defaultScopes,
  grantScopes,
  narrowScopes,
  offeredScopes,
  ScopeCeilings,
  scopesWithin,
} from '../../src/auth/token/scope-grant';

/** The error a call threw, as the token endpoint would answer it (status and RFC 6749 body). */
function oauthErrorOf(call: () => unknown): { status: number; body: unknown } {
  try {
    call();
  } catch (error) {
    const thrown = error as { getStatus(): number; getResponse(): unknown };
    return { status: thrown.getStatus(), body: thrown.getResponse() };
  }
  throw new Error('expected an OAuth error, but nothing was thrown');
}

const invalidScope = (description: string) => ({
  status: 400,
  body: { error: 'invalid_scope', error_description: description },
});

const sorted = (scopes: Iterable<Scope>) => [...scopes].sort();

describe('scopesWithin: what every ceiling implies', () => {
  it('expands a single ceiling through its implications', () => {
    expect(sorted(scopesWithin([ROLE_SCOPES.user]))).toEqual(
      ['items:read', 'orders:read', 'orders:write', 'read'].sort(),
    );
  });

  it('keeps only what all ceilings imply', () => {
    expect(sorted(scopesWithin([['admin'], ['items:read']]))).toEqual(['items:read']);
    expect(sorted(scopesWithin([['read'], ['write']]))).toEqual(
      ['items:read', 'orders:read', 'read'].sort(),
    );
  });

  it('is empty when the ceilings share nothing', () => {
    expect(scopesWithin([ROLE_SCOPES.user, ['metrics:read']]).size).toBe(0);
  });
});

describe('defaultScopes: the most the ceilings allow, when no scope is asked for', () => {
  it('keeps a scope as the first ceiling names it when the others allow it', () => {
    expect(defaultScopes([ROLE_SCOPES.admin, ALL_SCOPES])).toEqual(['admin']);
    expect(defaultScopes([ROLE_SCOPES.user, ALL_SCOPES])).toEqual(['read', 'orders:write']);
  });

  it('falls back to the broadest implied scopes the others allow', () => {
    expect(defaultScopes([['read'], ['items:read']])).toEqual(['items:read']);
    // admin through a client limited to the user role's scopes: read and orders:write, not
    // their narrower parts (items:read, orders:read) listed again.
    expect(sorted(defaultScopes([ROLE_SCOPES.admin, ROLE_SCOPES.user]))).toEqual(
      ['orders:write', 'read'].sort(),
    );
  });

  it('is empty when nothing is allowed', () => {
    expect(defaultScopes([ROLE_SCOPES.user, ['metrics:read']])).toEqual([]);
  });
});

describe('grantScopes: a new grant', () => {
  const userThroughAnyClient: ScopeCeilings = [ROLE_SCOPES.user, ALL_SCOPES];

  it.each([undefined, '', '   '])('gives the default for scope=%p', (requested) => {
    expect(grantScopes(requested, userThroughAnyClient)).toEqual(['read', 'orders:write']);
  });

  it('grants a scope the ceilings imply without naming it', () => {
    expect(grantScopes('items:read', userThroughAnyClient)).toEqual(['items:read']);
  });

  it('drops repeated names and extra spaces', () => {
    expect(grantScopes('items:read  items:read orders:read', userThroughAnyClient)).toEqual([
      'items:read',
      'orders:read',
    ]);
  });

  it('leaves out known scopes beyond a ceiling and keeps the rest', () => {
    expect(grantScopes('items:read users:read', userThroughAnyClient)).toEqual(['items:read']);
  });

  it('is capped by the client as much as by the role', () => {
    expect(grantScopes('items:read items:write', [ROLE_SCOPES.admin, ['items:read']])).toEqual([
      'items:read',
    ]);
  });

  it('refuses an unknown scope with invalid_scope, even beside known ones', () => {
    expect(oauthErrorOf(() => grantScopes('items:read nope', userThroughAnyClient))).toEqual(
      invalidScope('Unknown scope requested'),
    );
    // Scope names are case-sensitive (RFC 6749 section 3.3).
    expect(oauthErrorOf(() => grantScopes('ITEMS:READ', userThroughAnyClient))).toEqual(
      invalidScope('Unknown scope requested'),
    );
  });

  it('refuses with invalid_scope when nothing requested can be granted', () => {
    expect(oauthErrorOf(() => grantScopes('users:read admin', userThroughAnyClient))).toEqual(
      invalidScope('None of the requested scopes can be granted'),
    );
  });

  it('refuses with invalid_scope when the ceilings leave no default', () => {
    expect(
      oauthErrorOf(() => grantScopes(undefined, [ROLE_SCOPES.user, ['metrics:read']])),
    ).toEqual(invalidScope('No scope can be granted through this client'));
  });
});

describe('narrowScopes: a refresh may only narrow', () => {
  it('grants a scope the original grant implies', () => {
    expect(narrowScopes('items:read', ['read'], [ROLE_SCOPES.user, ALL_SCOPES])).toEqual([
      'items:read',
    ]);
  });

  it('refuses a scope outside the original grant, even one the ceilings allow', () => {
    expect(
      oauthErrorOf(() =>
        narrowScopes('orders:read', ['items:read'], [ROLE_SCOPES.admin, ALL_SCOPES]),
      ),
    ).toEqual(invalidScope('A requested scope is outside the original grant'));
  });

  it('refuses an unknown scope as outside the original grant', () => {
    expect(
      oauthErrorOf(() => narrowScopes('nope', ['admin'], [ROLE_SCOPES.admin, ALL_SCOPES])),
    ).toEqual(invalidScope('A requested scope is outside the original grant'));
  });

  it('without scope, never widens the original grant to what the ceilings would allow', () => {
    expect(narrowScopes(undefined, ['items:read'], [ROLE_SCOPES.user, ALL_SCOPES])).toEqual([
      'items:read',
    ]);
  });

  it('without scope, gives the original grant within the current ceilings', () => {
    expect(
      narrowScopes(undefined, ['read', 'orders:write'], [ROLE_SCOPES.user, ALL_SCOPES]),
    ).toEqual(['read', 'orders:write']);
    // The role shrank to read since the grant: orders:write goes, orders:read (under read) stays
    // covered by read.
    expect(narrowScopes('', ['read', 'orders:write'], [['read'], ALL_SCOPES])).toEqual(['read']);
  });

  it('caps a chain granted beyond today’s ceilings', () => {
    const ceilings: ScopeCeilings = [ROLE_SCOPES.user, ['items:read']];
    expect(narrowScopes(undefined, ['admin'], ceilings)).toEqual(['items:read']);
    expect(narrowScopes('items:read users:read', ['admin'], ceilings)).toEqual(['items:read']);
    expect(oauthErrorOf(() => narrowScopes('users:read', ['admin'], ceilings))).toEqual(
      invalidScope('None of the requested scopes can be granted'),
    );
  });
});

describe('offeredScopes: what the consent page offers', () => {
  const userThroughClient: ScopeCeilings = [ROLE_SCOPES.user, ['items:read', 'orders:read']];

  it('offers only the requested scopes that every ceiling allows, in the order asked', () => {
    expect(offeredScopes(['orders:read', 'users:delete', 'items:read'], userThroughClient)).toEqual(
      ['orders:read', 'items:read'],
    );
  });

  it('offers the most the ceilings allow when nothing was requested', () => {
    expect(offeredScopes(undefined, userThroughClient)).toEqual(defaultScopes(userThroughClient));
    expect(offeredScopes(undefined, userThroughClient).length).toBeGreaterThan(0);
  });

  it('offers nothing when no requested scope is allowed', () => {
    expect(offeredScopes(['admin', 'users:write'], userThroughClient)).toEqual([]);
  });
});
