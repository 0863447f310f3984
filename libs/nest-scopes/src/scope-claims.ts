/**
 * Where an issuer puts a token's scopes: a claim name (a space-separated string or an array of
 * strings: `scope` in RFC 9068, `scp` in Entra ID and Okta, `permissions` in Auth0), or a
 * function of the claims (Keycloak's `realm_access.roles`, anything else).
 */
export type ScopeClaim =
  string | ((claims: Readonly<Record<string, unknown>>) => readonly string[]);

/**
 * The scope names a token carries, as its issuer writes them; undefined when malformed (or when
 * the mapping function throws on claims it did not expect).
 */
export function readScopeClaim(
  claims: Readonly<Record<string, unknown>>,
  mapping: ScopeClaim = 'scope',
): readonly string[] | undefined {
  let value: unknown;
  try {
    value = typeof mapping === 'function' ? mapping(claims) : claims[mapping];
  } catch {
    return undefined;
  }
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value;
  }
  return undefined;
}
