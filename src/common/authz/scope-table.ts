import { defineScopes, MAX_SCOPE_EXPANSIONS, ScopeName } from '@scopegate/nest-scopes';
import { ErrorDto } from '../http/error.dto';

/**
 * The one table of scopes. The guard, the token endpoint, the OpenAPI document
 * and the metadata endpoint all read it; implications are resolved once, by defineScopes.
 */
const FINE_GRAINED_AND_COARSE = [
  { name: 'items:read', description: 'View items', implies: [] },
  { name: 'items:write', description: 'Create and update items', implies: ['items:read'] },
  { name: 'items:delete', description: 'Delete items', implies: ['items:read'] },
  { name: 'orders:read', description: 'View your orders', implies: [] },
  { name: 'orders:write', description: 'Place and cancel your orders', implies: ['orders:read'] },
  { name: 'users:read', description: 'View user accounts', implies: [] },
  { name: 'users:write', description: 'Create and update user accounts', implies: ['users:read'] },
  { name: 'users:delete', description: 'Delete user accounts', implies: ['users:read'] },
  {
    name: 'payments:process',
    description: 'Process payments for orders',
    implies: ['orders:read'],
  },
  { name: 'metrics:read', description: 'Read service metrics (Prometheus)', implies: [] },
  { name: 'read', description: 'Read access', implies: ['items:read', 'orders:read'] },
  { name: 'write', description: 'Write access', implies: ['read', 'items:write', 'orders:write'] },
  { name: 'delete', description: 'Delete access', implies: ['items:delete'] },
] as const;

export const SCOPES = defineScopes(
  [
    ...FINE_GRAINED_AND_COARSE,
    {
      name: 'admin',
      description: 'Full administrative access',
      implies: FINE_GRAINED_AND_COARSE.map((scope) => scope.name),
    },
  ],
  { errorType: ErrorDto },
);

export type Scope = ScopeName<typeof SCOPES>;
export const SCOPE_TABLE = SCOPES.table;
export const ALL_SCOPES = SCOPES.names;
export const isScope = SCOPES.isScope;
export const expandScopes = SCOPES.expand;
export const scopeExpansionsKept = SCOPES.expansionsKept;
export { MAX_SCOPE_EXPANSIONS };

/**
 * Requires every listed scope (with no argument: any valid access token); a scope outside the
 * table does not compile. Enforced by the ScopesGuard and documented in OpenAPI from this list.
 */
export const Scopes = SCOPES.Scopes;

export const ROLES = ['user', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may be granted at most. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  user: ['read', 'orders:write'],
  editor: ['read', 'write', 'delete'],
  admin: ['admin'],
};
