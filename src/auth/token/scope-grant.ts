import { expandScopes, isScope } from '../../common/authz/scope-table';
import { Scope } from '../../common/authz/scope-table';
import { OAuthError } from '../../common/errors/oauth-error';

/**
 * The bounds of a grant: each one (a user's role, a client's registered scopes, a refresh chain's
 * original grant) is a list of scopes, and a token may hold only what every bound implies.
 */
export type ScopeCeilings = readonly [readonly Scope[], ...(readonly Scope[])[]];

/** Every scope that all the ceilings imply. */
export function scopesWithin(ceilings: ScopeCeilings): ReadonlySet<Scope> {
  const [first, ...rest] = ceilings.map((ceiling) => expandScopes(ceiling));
  return new Set([...first].filter((scope) => rest.every((expanded) => expanded.has(scope))));
}

/**
 * The most that all the ceilings allow: each scope of the first ceiling that the others allow too,
 * as it is named there; for each one they do not allow, the broadest of the scopes it implies that
 * they do. (Role `read` through a client limited to `items:read` gives `items:read`; role `admin`
 * through a client that allows everything gives `admin`.)
 */
export function defaultScopes(ceilings: ScopeCeilings): Scope[] {
  const allowed = scopesWithin(ceilings);
  const kept = ceilings[0].filter((scope) => allowed.has(scope));
  const implied = new Set<Scope>();
  for (const scope of ceilings[0]) {
    if (allowed.has(scope)) continue;
    expandScopes([scope]).forEach((narrower) => allowed.has(narrower) && implied.add(narrower));
  }
  const covered = (scope: Scope) =>
    [...kept, ...implied].some((other) => other !== scope && expandScopes([other]).has(scope));
  return [...new Set([...kept, ...[...implied].filter((scope) => !covered(scope))])];
}

const requestedNames = (requested: string) => [...new Set(requested.split(' ').filter(Boolean))];

/** Known scopes outside the ceilings are left out; if nothing is left, invalid_scope. */
function keepAllowed(names: readonly Scope[], ceilings: ScopeCeilings): Scope[] {
  const allowed = scopesWithin(ceilings);
  const granted = names.filter((scope) => allowed.has(scope));
  if (granted.length === 0) {
    throw new OAuthError('invalid_scope', 'None of the requested scopes can be granted');
  }
  return granted;
}

/**
 * The scopes of a new grant: no `scope` → the default of the ceilings; an unknown scope →
 * invalid_scope; known scopes beyond a ceiling are left out, and if nothing is left, invalid_scope.
 */
export function grantScopes(requested: string | undefined, ceilings: ScopeCeilings): Scope[] {
  if (requested === undefined || requested.trim() === '') {
    const scopes = defaultScopes(ceilings);
    if (scopes.length === 0) {
      throw new OAuthError('invalid_scope', 'No scope can be granted through this client');
    }
    return scopes;
  }
  const names = requestedNames(requested);
  if (!names.every(isScope)) throw new OAuthError('invalid_scope', 'Unknown scope requested');
  return keepAllowed(names, ceilings);
}

/**
 * A refresh may only narrow (RFC 6749 section 6): a requested scope outside the original grant is
 * invalid_scope. The result is capped by the current ceilings too, so that a chain granted beyond
 * them (say, before the client's ceiling was enforced) never carries more. No `scope` → the
 * original grant within the ceilings.
 */
export function narrowScopes(
  requested: string | undefined,
  original: readonly Scope[],
  ceilings: ScopeCeilings,
): Scope[] {
  if (requested === undefined || requested.trim() === '') {
    return grantScopes(undefined, [original, ...ceilings]);
  }
  const names = requestedNames(requested);
  const originally = expandScopes(original);
  if (!names.every((name) => isScope(name) && originally.has(name))) {
    throw new OAuthError('invalid_scope', 'A requested scope is outside the original grant');
  }
  return keepAllowed(names as Scope[], ceilings);
}

/**
 * What the consent page offers: the requested scopes that every ceiling allows, or with none
 * requested, the most that they allow.
 */
export function offeredScopes(
  requested: readonly string[] | undefined,
  ceilings: ScopeCeilings,
): string[] {
  if (!requested) return defaultScopes(ceilings);
  const allowed: ReadonlySet<string> = scopesWithin(ceilings);
  return requested.filter((scope) => allowed.has(scope));
}
