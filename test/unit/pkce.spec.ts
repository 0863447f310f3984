import { createHash } from 'node:crypto';
import { pkceMatches } from '../../src/auth/authorize/authorization-code.service';

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('pkceMatches (RFC 7636, S256)', () => {
  // RFC 7636 appendix B.
  const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('accepts the verifier of RFC 7636 appendix B for its challenge', () => {
    expect(pkceMatches(VERIFIER, CHALLENGE)).toBe(true);
  });

  it('refuses a challenge one character off, padded, or of another length', () => {
    expect(pkceMatches(VERIFIER, CHALLENGE.slice(0, -1) + 'd')).toBe(false);
    expect(pkceMatches(VERIFIER, `${CHALLENGE}=`)).toBe(false);
    expect(pkceMatches(VERIFIER, CHALLENGE.slice(0, -1))).toBe(false);
    expect(pkceMatches(VERIFIER, '')).toBe(false);
  });

  it('refuses the plain method: the verifier itself as the challenge', () => {
    expect(pkceMatches(VERIFIER, VERIFIER)).toBe(false);
  });

  it('refuses another verifier', () => {
    expect(pkceMatches(VERIFIER.replace('d', 'e'), CHALLENGE)).toBe(false);
  });

  it('takes verifiers of 43 to 128 unreserved characters (section 4.1), and no others', () => {
    const unreserved = 'aZ09-._~';
    for (const verifier of ['a'.repeat(43), 'b'.repeat(128), unreserved.repeat(6)]) {
      expect(pkceMatches(verifier, s256(verifier))).toBe(true);
    }
    // Each of these hashes to its challenge, but is not a verifier RFC 7636 allows.
    for (const verifier of [
      'a'.repeat(42),
      'a'.repeat(129),
      `${'a'.repeat(42)}+`,
      `${'a'.repeat(42)}/`,
      `${'a'.repeat(42)}=`,
      `${'a'.repeat(42)} `,
    ]) {
      expect(pkceMatches(verifier, s256(verifier))).toBe(false);
    }
  });
});
