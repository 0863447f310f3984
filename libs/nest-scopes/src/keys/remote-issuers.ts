import { ScopesModuleOptions } from '../module-options';
import { IssuerDiscovery } from './issuer-discovery';
import { KeySource } from './key-source';
import { INTROSPECTION_CACHE_DEFAULTS, RemoteIntrospection } from './remote-introspection';
import { REMOTE_KEY_DEFAULTS, RemoteJwks } from './remote-jwks';

export interface RemoteIssuers {
  /** The published JWKS of every issuer without local keys. */
  readonly keySources: ReadonlyMap<string, KeySource>;
  /** The introspection client of every issuer that introspects. */
  readonly introspectors: ReadonlyMap<string, RemoteIntrospection>;
}

/** What the app needs of each remote issuer, sharing one discovery per issuer. */
export function remoteIssuers(options: ScopesModuleOptions): RemoteIssuers {
  const settings = { ...REMOTE_KEY_DEFAULTS, ...options.remoteKeys };
  const cache = { ...INTROSPECTION_CACHE_DEFAULTS, ...options.introspectionCache };
  const keySources = new Map<string, KeySource>();
  const introspectors = new Map<string, RemoteIntrospection>();
  for (const issuer of options.issuers) {
    const { timeoutMs, discoveryRetrySeconds } = settings;
    const discovery = new IssuerDiscovery(issuer.issuer, timeoutMs, discoveryRetrySeconds);
    if (!issuer.keys) keySources.set(issuer.issuer, new RemoteJwks(issuer, settings, discovery));
    if (issuer.introspection) {
      const introspecting = { ...issuer, introspection: issuer.introspection };
      introspectors.set(
        issuer.issuer,
        new RemoteIntrospection(introspecting, cache, discovery, timeoutMs),
      );
    }
  }
  return { keySources, introspectors };
}
