import { expandScopes, isScope } from '../../common/authz/scope-implications';
import { Scope } from '../../common/authz/scope-table';
import { OAuthError } from './oauth-error';

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
