import { InitialSchema1795660000000 } from './1795660000000-initial-schema';

/** In order of application. SQLite's history differs (two steps), its end state does not. */
export const POSTGRES_MIGRATIONS = [InitialSchema1795660000000];
