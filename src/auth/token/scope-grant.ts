import { expandScopes, isScope } from '../../common/authz/scope-implications';
import { Scope } from '../../common/authz/scope-table';
import { OAuthError } from '../oauth/oauth-error';

/**
 * Contract section 3: no `scope` → everything the ceiling (a role's or a client's scopes) names;
 * an unknown scope → invalid_scope; known scopes the ceiling does not imply are left out, and if
 * nothing is left, invalid_scope.
 */
export function grantScopes(requested: string | undefined, ceiling: readonly Scope[]): Scope[] {
  if (requested === undefined || requested.trim() === '') return [...ceiling];
  const names = [...new Set(requested.split(' ').filter(Boolean))];
  const unknown = names.filter((name) => !isScope(name));
  if (unknown.length > 0) {
    throw new OAuthError('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
  }
  const allowed = expandScopes(ceiling);
  const granted = (names as Scope[]).filter((scope) => allowed.has(scope));
  if (granted.length === 0) {
    throw new OAuthError('invalid_scope', 'None of the requested scopes can be granted');
  }
  return granted;
}

/**
 * A refresh may only narrow (RFC 6749 section 6): each requested scope must be in the original
 * grant or implied by it. No `scope` → the original grant.
 */
export function narrowScopes(requested: string | undefined, original: readonly Scope[]): Scope[] {
  if (requested === undefined || requested.trim() === '') return [...original];
  const names = [...new Set(requested.split(' ').filter(Boolean))];
  const allowed = expandScopes(original);
  const outside = names.filter((name) => !isScope(name) || !allowed.has(name));
  if (outside.length > 0) {
    throw new OAuthError('invalid_scope', `Outside the original grant: ${outside.join(' ')}`);
  }
  return names as Scope[];
}
