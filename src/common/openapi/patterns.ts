/**
 * The character sets of OpenAPI strings, so that clients and linters know what a value can hold.
 * Each one is what scopegate really accepts or produces, nothing stricter.
 */

/** Free text (names, descriptions, messages): anything but NUL, which every input edge refuses. */
export const TEXT = { pattern: '^[^\\u0000]*$' } as const;

/** RFC 6749 appendix A.4: a scope-token, NQCHAR (printable ASCII but space, `"` and `\`). */
const SCOPE_TOKEN = '[\\x21\\x23-\\x5B\\x5D-\\x7E]+';
export const SCOPE_TOKEN_PATTERN = { pattern: `^${SCOPE_TOKEN}$` } as const;
/** A space-separated list of scope-tokens (RFC 6749 section 3.3). */
export const SCOPE_LIST = { pattern: `^${SCOPE_TOKEN}( ${SCOPE_TOKEN})*$` } as const;

/** RFC 6749 appendix A: VSCHAR, printable ASCII (client ids, states, codes). */
export const VSCHAR = { pattern: '^[\\x20-\\x7E]*$' } as const;

/** RFC 6749 section 5.2: an error_description is NQSCHAR (printable ASCII but `"` and `\`). */
export const ERROR_DESCRIPTION = { pattern: '^[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*$' } as const;

/** RFC 6750 section 2.1: the b64token syntax of a bearer token (a JWT, or a refresh token). */
export const B64TOKEN = { pattern: '^[A-Za-z0-9._~+/-]+=*$' } as const;

/** A compact JWS (RFC 7515 section 7.1): three base64url parts. */
export const JWT = { pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } as const;

/** 256 random bits, base64url (authorization codes). */
export const RANDOM_256 = { pattern: '^[A-Za-z0-9_-]{43}$' } as const;

/** RFC 7636 section 4.1: a code_verifier. */
export const CODE_VERIFIER = { pattern: '^[A-Za-z0-9._~-]{43,128}$' } as const;

/** A value the authorization pages signed: base64url, a dot, the base64url MAC. */
export const SIGNED_VALUE = { pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } as const;

/** What scopegate's HTML pages begin with. */
export const HTML_PAGE = { pattern: '^<!doctype html>' } as const;
