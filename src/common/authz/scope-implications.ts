import { Scope, SCOPE_TABLE, ScopeDefinition } from './scope-table';

/**
 * Resolves each scope to the set of scopes it grants (itself included), transitively.
 * Throws on a duplicate, an unknown implied name or a cycle, so a bad table stops start-up.
 */
export function resolveImplications(
  table: readonly ScopeDefinition[],
): ReadonlyMap<string, ReadonlySet<string>> {
  const byName = new Map<string, ScopeDefinition>();
  for (const scope of table) {
    if (byName.has(scope.name)) throw new Error(`Scope "${scope.name}" is declared twice`);
    byName.set(scope.name, scope);
  }
  const resolved = new Map<string, ReadonlySet<string>>();
  const visiting: string[] = [];

  const resolve = (name: string): ReadonlySet<string> => {
    const done = resolved.get(name);
    if (done) return done;
    if (visiting.includes(name)) {
      throw new Error(`Scope implication cycle: ${[...visiting, name].join(' -> ')}`);
    }
    const scope = byName.get(name);
    if (!scope) throw new Error(`Scope "${visiting.at(-1)}" implies unknown scope "${name}"`);
    visiting.push(name);
    const granted = new Set([name]);
    for (const implied of scope.implies) resolve(implied).forEach((s) => granted.add(s));
    visiting.pop();
    resolved.set(name, granted);
    return granted;
  };

  table.forEach((scope) => resolve(scope.name));
  return resolved;
}

const IMPLICATIONS = resolveImplications(SCOPE_TABLE) as ReadonlyMap<Scope, ReadonlySet<Scope>>;

export const ALL_SCOPES: readonly Scope[] = [...IMPLICATIONS.keys()];

export function isScope(name: string): name is Scope {
  return IMPLICATIONS.has(name as Scope);
}

const expansions = new Map<string, ReadonlySet<Scope>>();

/**
 * Every scope the given ones grant. Memoized by the token's scope string: the set of distinct
 * strings is bounded by what the server itself signed.
 */
export function expandScopes(granted: readonly Scope[]): ReadonlySet<Scope> {
  const key = granted.join(' ');
  let expanded = expansions.get(key);
  if (!expanded) {
    const set = new Set<Scope>();
    for (const scope of granted) IMPLICATIONS.get(scope)?.forEach((s) => set.add(s));
    expanded = set;
    expansions.set(key, expanded);
  }
  return expanded;
}
