/** The parsed JOSE header of a compact JWS, or undefined when it is not a JSON object. */
export function decodeSegment(token: string, index: 0 | 1): Record<string, unknown> | undefined {
  try {
    const segment = token.split('.')[index];
    if (segment === undefined) return undefined;
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString());
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the header may be verified at all: RFC 7515 section 4.1.11 (an unknown `crit` is
 * refused; jsonwebtoken would ignore it), a `kid` to pick the key by, and, when the issuer
 * demands one, the `typ` (RFC 9068: `at+jwt`, with or without `application/`).
 */
export function acceptableHeader(
  header: Record<string, unknown>,
  typ: string | undefined,
): header is { kid: string; alg: string } {
  if (header.crit !== undefined) return false;
  if (typeof header.kid !== 'string' || typeof header.alg !== 'string') return false;
  if (typ === undefined) return true;
  const actual = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
  return actual === typ || actual === `application/${typ}`;
}
