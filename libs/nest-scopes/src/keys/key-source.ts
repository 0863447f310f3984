import type { KeyObject } from 'node:crypto';
import { LocalKeys, SigningAlgorithm } from '../module-options';

/** A verification key and the only algorithms a token checked with it may name. */
export interface ResolvedKey {
  readonly key: KeyObject;
  readonly algorithms: readonly SigningAlgorithm[];
}

/** Finds an issuer's key by `kid`. */
export interface KeySource {
  resolve(kid: string): ResolvedKey | undefined | Promise<ResolvedKey | undefined>;
}

/** Keys the app holds itself: found in memory, algorithms as configured. */
export function localKeySource(keys: LocalKeys): KeySource {
  return {
    resolve(kid) {
      const key = keys.key(kid);
      return key && { key, algorithms: keys.algorithms };
    },
  };
}
