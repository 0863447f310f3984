import { getConfigToken } from '@nestjs/config';
import { KeyObject } from 'node:crypto';
import { EnvironmentVariables, validateEnvironment } from './environment';
import { logFormatOf } from '../common/logging/log-format';
import { parsePreviousPublicKeys, parsePrivateKey, secretKey } from './jwt-keys';

/** How long a request may wait on the database, and how many connections it shares. */
export interface DatabaseLimits {
  poolSize: number;
  statementTimeoutMs: number;
  acquireTimeoutMs: number;
}

/** `migrate`: apply pending migrations at start-up (DB_MIGRATE; by default only on SQLite). */
export type DatabaseConfig = { migrate: boolean; limits: DatabaseLimits } & (
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string }
);

function parseDatabase(env: EnvironmentVariables): DatabaseConfig {
  const url = env.DATABASE_URL;
  const sqlite = url.startsWith('sqlite:');
  const migrate = env.DB_MIGRATE === undefined ? sqlite : env.DB_MIGRATE === 'true';
  const limits = {
    poolSize: env.DB_POOL_SIZE,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
  };
  return sqlite
    ? { type: 'sqlite', path: url.slice('sqlite:'.length), migrate, limits }
    : { type: 'postgres', url, migrate, limits };
}

/** Fastify's `trustProxy`: false, true, a hop count, or the addresses of trusted proxies. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function configuredSigningKey(env: EnvironmentVariables): KeyObject | undefined {
  if (env.JWT_ALG === 'HS256') return env.JWT_SECRET ? secretKey(env.JWT_SECRET) : undefined;
  return env.JWT_PRIVATE_KEY
    ? parsePrivateKey(env.JWT_PRIVATE_KEY, env.JWT_ALG, 'JWT_PRIVATE_KEY')
    : undefined;
}

/** Passwords of the docs and examples: a production admin account must not use them. */
const EXAMPLE_PASSWORDS = [
  'change-me-please',
  'admin-password-123',
  'changeme',
  'password',
  'admin',
];

function refuseExamplePassword(env: EnvironmentVariables): void {
  const password = env.ADMIN_PASSWORD?.toLowerCase();
  if (env.NODE_ENV !== 'production' || password === undefined) return;
  if (EXAMPLE_PASSWORDS.includes(password) || password === env.ADMIN_USERNAME?.toLowerCase()) {
    throw new Error(
      'Invalid configuration:\n  - ADMIN_PASSWORD is an example password; set a real one for NODE_ENV=production',
    );
  }
}

function requireProductionKey(env: EnvironmentVariables): void {
  if (env.NODE_ENV !== 'production') return;
  const missing = env.JWT_ALG === 'HS256' ? !env.JWT_SECRET : !env.JWT_PRIVATE_KEY;
  if (missing) {
    const variable = env.JWT_ALG === 'HS256' ? 'JWT_SECRET' : 'JWT_PRIVATE_KEY';
    throw new Error(
      `Invalid configuration:\n  - ${variable} (or ${variable}_FILE) is required when NODE_ENV=production`,
    );
  }
}

export function buildAppConfig(env: EnvironmentVariables) {
  requireProductionKey(env);
  refuseExamplePassword(env);
  return {
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    dataDir: env.DATA_DIR,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    corsOrigins: env.CORS_ORIGINS?.split(',').map((origin) => origin.trim()),
    logLevel: env.LOG_LEVEL,
    logFormat: logFormatOf(env as unknown as NodeJS.ProcessEnv),
    passwordGrant: env.PASSWORD_GRANT === 'true',
    overload: { maxEventLoopDelayMs: env.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS },
    shutdown: { drainSeconds: env.SHUTDOWN_DRAIN_SECONDS, graceSeconds: env.SHUTDOWN_GRACE_PERIOD },
    retention: { graceSeconds: env.RETENTION_GRACE, purgeIntervalSeconds: env.PURGE_INTERVAL },
    throttle: {
      loginFailures: env.THROTTLE_LOGIN_FAILURES,
      loginWindowSeconds: env.THROTTLE_LOGIN_WINDOW,
      tokenPerMinute: env.THROTTLE_TOKEN_PER_MINUTE,
      defaultPerMinute: env.THROTTLE_DEFAULT_PER_MINUTE,
    },
    database: parseDatabase(env),
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : undefined,
    admin:
      env.ADMIN_USERNAME && env.ADMIN_PASSWORD
        ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }
        : undefined,
    jwt: {
      algorithm: env.JWT_ALG,
      /** The configured signing key (private key, or HS256 secret), parsed once; else generated. */
      signingKey: configuredSigningKey(env),
      previousKeys: parsePreviousPublicKeys(env.JWT_PREVIOUS_PUBLIC_KEYS, env.JWT_ALG),
      issuer: (env.JWT_ISSUER ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      audience: env.JWT_AUDIENCE,
      accessTokenTtl: env.ACCESS_TOKEN_TTL,
      refreshTokenTtl: env.REFRESH_TOKEN_TTL,
    },
  };
}

/** Reads and validates the environment; throws naming every bad variable. */
export const loadAppConfig = (env: NodeJS.ProcessEnv = process.env) =>
  buildAppConfig(validateEnvironment(env));

export const APP_CONFIG_NAMESPACE = 'app';

/** The typed configuration's injection token (`appConfig.KEY`), under which appConfigModule loads it. */
export const appConfig = { KEY: getConfigToken(APP_CONFIG_NAMESPACE) } as const;

export type AppConfig = ReturnType<typeof buildAppConfig>;
