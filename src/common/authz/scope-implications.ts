import { LRUCache } from 'lru-cache';
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

/** Distinct scope sets kept expanded; beyond it the least recently used goes. */
export const MAX_SCOPE_EXPANSIONS = 1_000;

const expansions = new LRUCache<string, ReadonlySet<Scope>>({ max: MAX_SCOPE_EXPANSIONS });

/** How many scope sets are kept expanded (for the tests of the bound). */
export const scopeExpansionsKept = (): number => expansions.size;

/**
 * Every scope the given ones grant. Memoized under the sorted names, so that callers who choose
 * the order of their scopes (in a request or a client's registration) cannot grow the memo with
 * permutations of one set, and bounded, so that no mix of sets can either.
 */
export function expandScopes(granted: readonly Scope[]): ReadonlySet<Scope> {
  const key = [...granted].sort().join(' ');
  let expanded = expansions.get(key);
  if (!expanded) {
    const set = new Set<Scope>();
    for (const scope of granted) IMPLICATIONS.get(scope)?.forEach((s) => set.add(s));
    expanded = set;
    expansions.set(key, expanded);
  }
  return expanded;
}
