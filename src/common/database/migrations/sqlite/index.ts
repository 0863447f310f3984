import { InitialSchema1795650000000 } from './1795650000000-initial-schema';

/** In order of application. */
export const SQLITE_MIGRATIONS = [InitialSchema1795650000000];
