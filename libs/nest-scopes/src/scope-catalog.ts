import { LRUCache } from 'lru-cache';
import { resolveImplications } from './scope-implications';
import { ScopesDecoratorOptions, scopesDecorator } from './scopes.decorator';

/** One scope of an application's table: its name, what it means, and what it grants besides. */
export interface ScopeDefinition<N extends string = string> {
  readonly name: N;
  readonly description: string;
  readonly implies: readonly string[];
}

/** The application's scopes, resolved once: the typed `@Scopes` and the implication lookup. */
export interface ScopeCatalog<S extends string = string> {
  readonly table: readonly ScopeDefinition<S>[];
  /** Every scope name, in table order. */
  readonly names: readonly S[];
  readonly isScope: (name: string) => name is S;
  /** Every scope the given ones grant, themselves included (transitively). */
  readonly expand: (granted: readonly S[]) => ReadonlySet<S>;
  /** How many distinct scope sets are kept expanded (at most MAX_SCOPE_EXPANSIONS). */
  readonly expansionsKept: () => number;
  /**
   * Requires every listed scope (with no argument: any valid access token); a name outside the
   * table does not compile. On a controller, its scopes are added to each route's own.
   */
  readonly Scopes: (...scopes: S[]) => ClassDecorator & MethodDecorator;
}

/** The scope names of a catalog, e.g. `type Scope = ScopeName<typeof SCOPES>`. */
export type ScopeName<C> = C extends ScopeCatalog<infer S> ? S : never;

/** Distinct scope sets kept expanded; beyond it the least recently used goes. */
export const MAX_SCOPE_EXPANSIONS = 1_000;

/**
 * Declares the application's scope table. Throws on a duplicate, an unknown implied name or a
 * cycle, so a bad table stops start-up.
 */
export function defineScopes<const T extends readonly ScopeDefinition[]>(
  table: T,
  options: ScopesDecoratorOptions = {},
): ScopeCatalog<T[number]['name']> {
  type S = T[number]['name'];
  const implications = resolveImplications(table) as ReadonlyMap<S, ReadonlySet<S>>;
  // Keyed by the sorted names, so that callers who choose the order of their scopes cannot grow
  // it with permutations of one set, and bounded, so that no mix of sets can either.
  const expansions = new LRUCache<string, ReadonlySet<S>>({ max: MAX_SCOPE_EXPANSIONS });
  const isScope = (name: string): name is S => implications.has(name);
  return {
    table: table,
    names: [...implications.keys()],
    isScope,
    expand: (granted) => {
      const key = [...granted].sort().join(' ');
      let expanded = expansions.get(key);
      if (!expanded) {
        const set = new Set<S>();
        for (const scope of granted) implications.get(scope)?.forEach((s) => set.add(s));
        expanded = set;
        expansions.set(key, expanded);
      }
      return expanded;
    },
    expansionsKept: () => expansions.size,
    Scopes: scopesDecorator(options),
  };
}
