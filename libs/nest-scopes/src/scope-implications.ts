interface ImplyingScope {
  readonly name: string;
  readonly description?: string;
  readonly implies: readonly string[];
}

/**
 * Resolves each scope to the set of scopes it grants (itself included), transitively.
 * Throws on a duplicate, an unknown implied name or a cycle, so a bad table stops start-up.
 */
export function resolveImplications(
  table: readonly ImplyingScope[],
): ReadonlyMap<string, ReadonlySet<string>> {
  const byName = new Map<string, ImplyingScope>();
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
