/**
 * Text that no input may carry: NUL, which PostgreSQL cannot store in text, and UTF-16 surrogates
 * without their pair, which UTF-8 cannot encode (drivers silently store U+FFFD instead).
 */
const HOSTILE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const HOSTILE_TEXT_MESSAGE = 'holds a NUL character or a lone UTF-16 surrogate';

/**
 * Where in `input` (a parsed JSON body, form or query, or a single value) hostile text occurs, keys
 * included: a path such as `lines.0.itemId`, `''` for the input itself, or undefined when there is
 * none. Walks with an explicit stack: a deeply nested body must not exhaust the call stack.
 */
export function findHostileText(input: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[input, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (HOSTILE.test(value)) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        // The name itself is never repeated back: it holds the very bytes being refused.
        if (HOSTILE.test(key)) return path ? `${path}.(a property name)` : '(a property name)';
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}
