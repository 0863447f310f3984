/** What the library reads of an issuer's RFC 8414 / OpenID Connect Discovery metadata. */
export interface IssuerMetadata {
  readonly issuer: string;
  readonly jwks_uri?: string;
  readonly introspection_endpoint?: string;
}

/**
 * Where an issuer publishes its metadata: RFC 8414 section 3 inserts the well-known path between
 * the host and the issuer's path; OpenID Connect Discovery 1.0 section 4 appends its own.
 */
export function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}

/**
 * The issuer's metadata, from the first well-known URL that answers with a document naming exactly
 * this issuer (RFC 8414 section 3.3: anything else must not be used).
 */
export async function discoverIssuer(issuer: string, timeoutMs: number): Promise<IssuerMetadata> {
  for (const url of metadataUrls(issuer)) {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => undefined);
    if (!response?.ok) continue;
    const metadata = (await response.json().catch(() => undefined)) as
      Partial<IssuerMetadata> | undefined;
    if (metadata?.issuer === issuer) return metadata as IssuerMetadata;
  }
  throw new Error(`No authorization server metadata found for ${issuer}`);
}
