import { RouteInfo } from './route-inventory';
import { ScopeCatalog } from './scope-catalog';

export interface ScopeMatrixRow {
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
  readonly required: readonly string[];
  /** Other single scopes that imply every required one (the coarse bundles). */
  readonly alsoSatisfiedBy: readonly string[];
  /** Roles (when the app has them) whose tokens can hold scopes that reach the route. */
  readonly roles: readonly string[];
}

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Who may call what: from the routes' own decorators (see listRoutes) and the scope table,
 * nothing else. `roles` maps each role to the most it may be granted.
 */
export function buildScopeMatrix<S extends string>(
  routes: readonly RouteInfo[],
  catalog: ScopeCatalog<S>,
  roles: Readonly<Record<string, readonly S[]>> = {},
): ScopeMatrixRow[] {
  const reaches = (granted: readonly S[], required: readonly string[]) => {
    const expanded = catalog.expand(granted) as ReadonlySet<string>;
    return required.every((scope) => expanded.has(scope));
  };
  return [...routes]
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    )
    .map((route) => ({
      method: route.method,
      path: route.path,
      isPublic: route.isPublic,
      required: route.scopes,
      alsoSatisfiedBy: route.isPublic
        ? []
        : catalog.names.filter(
            (scope) => !route.scopes.includes(scope) && reaches([scope], route.scopes),
          ),
      roles: route.isPublic
        ? []
        : Object.keys(roles).filter((role) => reaches(roles[role], route.scopes)),
    }));
}

const code = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');

/** The matrix as a Markdown document: `intro` lines, then one table row per route. */
export function renderScopeMatrix(
  rows: readonly ScopeMatrixRow[],
  intro: readonly string[] = ['# Scope matrix', ''],
): string {
  const withRoles = rows.some((row) => row.roles.length > 0);
  const lines = rows.map((row) => {
    const roles = withRoles ? ` ${row.roles.join(', ')} |` : '';
    if (row.isPublic)
      return `| ${row.method} | \`${row.path}\` | public | |${withRoles ? ' anyone |' : ''}`;
    const required = row.required.length > 0 ? code(row.required) : 'any valid token';
    const alsoBy = row.required.length > 0 ? code(row.alsoSatisfiedBy) || '—' : '';
    return `| ${row.method} | \`${row.path}\` | ${required} | ${alsoBy} |${roles}`;
  });
  return [
    ...intro,
    withRoles
      ? '| method | path | required scopes | also satisfied by | roles |'
      : '| method | path | required scopes | also satisfied by |',
    withRoles ? '|---|---|---|---|---|' : '|---|---|---|---|',
    ...lines,
    '',
  ].join('\n');
}
