/** The example's configuration, from the environment. */
export interface Settings {
  readonly port: number;
  /** scopegate's issuer URL (its JWT_ISSUER). */
  readonly issuer: string;
  readonly audience: string;
  /** The public client Swagger UI signs in with at scopegate (code flow with PKCE). */
  readonly docsClientId?: string;
  /** Set both to ask scopegate about every token (RFC 7662) instead of checking signatures. */
  readonly introspection?: { clientId: string; clientSecret: string };
}

export function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const { INTROSPECTION_CLIENT_ID: clientId, INTROSPECTION_CLIENT_SECRET: clientSecret } = env;
  return {
    port: Number(env.PORT ?? 3001),
    issuer: env.SCOPEGATE_ISSUER ?? 'http://localhost:3000',
    audience: env.SCOPEGATE_AUDIENCE ?? 'scopegate-api',
    docsClientId: env.DOCS_CLIENT_ID,
    introspection: clientId && clientSecret ? { clientId, clientSecret } : undefined,
  };
}
