import { InitialSchema1795660000000 } from './1795660000000-initial-schema';
import { AuthorizationCode1795670000000 } from './1795670000000-authorization-code';
import { LoginAttempts1796140400000 } from './1796140400000-login-attempts';
import { RevokedAccessTokens1796144500000 } from './1796144500000-revoked-access-tokens';
import { ListAndExpiryIndexes1796200000000 } from './1796200000000-list-and-expiry-indexes';

/** In order of application. SQLite's history has one more step; the end state is the same. */
export const POSTGRES_MIGRATIONS = [
  InitialSchema1795660000000,
  AuthorizationCode1795670000000,
  LoginAttempts1796140400000,
  RevokedAccessTokens1796144500000,
  ListAndExpiryIndexes1796200000000,
];
