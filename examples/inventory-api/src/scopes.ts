import { defineScopes } from '@scopegate/nest-scopes';

/**
 * This API's own scopes: the names scopegate grants (scopes it does not know are ignored), with
 * the implications that matter here. `@Scopes` accepts only these names.
 */
export const INVENTORY_SCOPES = defineScopes([
  { name: 'items:read', description: 'See the stock', implies: [] },
  { name: 'items:write', description: 'Adjust the stock', implies: ['items:read'] },
  { name: 'read', description: 'Read access', implies: ['items:read'] },
  { name: 'write', description: 'Write access', implies: ['read', 'items:write'] },
  { name: 'admin', description: 'Full access', implies: ['write'] },
]);

export const { Scopes } = INVENTORY_SCOPES;
