import { ConfigType, registerAs } from '@nestjs/config';
import { EnvironmentVariables, validateEnvironment } from './environment';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  return { type: 'postgres', url };
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
  return {
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    database: parseDatabaseUrl(env.DATABASE_URL),
    admin:
      env.ADMIN_USERNAME && env.ADMIN_PASSWORD
        ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD }
        : undefined,
    jwt: {
      algorithm: env.JWT_ALG,
      privateKey: env.JWT_PRIVATE_KEY,
      secret: env.JWT_SECRET,
      issuer: (env.JWT_ISSUER ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      audience: env.JWT_AUDIENCE,
      accessTokenTtl: env.ACCESS_TOKEN_TTL,
      refreshTokenTtl: env.REFRESH_TOKEN_TTL,
      previousPublicKeys: env.JWT_PREVIOUS_PUBLIC_KEYS?.replace(/\\n/g, '\n'),
    },
  };
}

/** The validated, typed configuration; read once per application instance. */
export const appConfig = registerAs('app', () => buildAppConfig(validateEnvironment(process.env)));

export type AppConfig = ConfigType<typeof appConfig>;
