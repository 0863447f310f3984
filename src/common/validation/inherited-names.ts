/** `toString`, `hasOwnProperty`, `constructor`, ...: names every plain object inherits. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Where the input holds a property named like one every object inherits, as `a.b.property x`, or
 * undefined. class-transformer skips such a key (the new DTO already "has" it), so the whitelist
 * never sees it and it would be dropped in silence instead of refused like any unknown property.
 */
export function findInheritedName(input: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[input, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (INHERITED.has(key)) return `${path}property ${key}`;
      pending.push([child, `${path}${key}.`]);
    }
  }
  return undefined;
}
