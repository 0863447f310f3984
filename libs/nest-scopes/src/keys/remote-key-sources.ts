import { ScopesModuleOptions } from '../module-options';
import { KeySource } from './key-source';

/** The key source of every issuer without local keys: its published JWKS. */
export async function remoteKeySources(
  options: ScopesModuleOptions,
): Promise<ReadonlyMap<string, KeySource>> {
  const remote = options.issuers.filter((issuer) => !issuer.keys);
  if (remote.length > 0) throw new Error('Remote issuers are not supported yet');
  return new Map();
}
