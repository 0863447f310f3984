import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { readFileSync } from 'node:fs';
import { fileProblem } from './file-problem';
import { LOG_FORMATS, LogFormat } from '../common/logging/log-format';

/** Variables that may hold a secret, and so may also be given as `<NAME>_FILE`. */
export const SECRET_VARIABLES = [
  'ADMIN_PASSWORD',
  'JWT_PRIVATE_KEY',
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_PREVIOUS_PUBLIC_KEYS',
] as const;

export const JWT_ALGORITHMS = ['RS256', 'ES256', 'HS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** An integer variable within [min, max]; environment values are text, so it is converted first. */
const IntegerVariable = (min: number, max: number) =>
  applyDecorators(Transform(toInt), IsInt(), Min(min), Max(max));

/** The raw environment, validated. Defaults are those of the README's configuration table. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IntegerVariable(0, 65535)
  PORT = 3000;

  /** Unset: 127.0.0.1 (this machine only) outside production, 0.0.0.0 in production. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message:
      'DATABASE_URL must be sqlite:PATH, sqlite::memory: or postgres://user:pass@host:5432/db',
  })
  DATABASE_URL = 'sqlite:data/scopegate.db';

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DB_MIGRATE must be true or false' })
  DB_MIGRATE?: 'true' | 'false';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be redis://[user:pass@]host:port[/db]' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9:_-]{0,64}$/, {
    message: 'REDIS_KEY_PREFIX must be up to 64 letters, digits or :_-',
  })
  REDIS_KEY_PREFIX = 'scopegate:';

  @IsString()
  @MinLength(1)
  DATA_DIR = 'data';

  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, {
    message: 'ADMIN_USERNAME must be 3-64 letters, digits or ._@-',
  })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsIn(JWT_ALGORITHMS, {
    message: `JWT_ALG must be one of ${JWT_ALGORITHMS.join(', ')}`,
  })
  JWT_ALG: JwtAlgorithm = 'RS256';

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 bytes' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  JWT_ISSUER?: string;

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'scopegate-api';

  @IntegerVariable(1, 86400)
  ACCESS_TOKEN_TTL = 900;

  @IntegerVariable(60, 31_536_000)
  REFRESH_TOKEN_TTL = 1_209_600;

  @IntegerVariable(1, 1000)
  THROTTLE_LOGIN_FAILURES = 10;

  @IntegerVariable(1, 86400)
  THROTTLE_LOGIN_WINDOW = 900;

  @IntegerVariable(1, 1_000_000)
  THROTTLE_TOKEN_PER_MINUTE = 300;

  /** Per address and route, for every route; 0 turns it off (benchmarks). */
  @IntegerVariable(0, 10_000_000)
  THROTTLE_DEFAULT_PER_MINUTE = 1000;

  @IsOptional()
  @Matches(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count, or comma-separated addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com',
  })
  CORS_ORIGINS?: string;

  /** RFC 9700 section 2.4: switch the password grant off once clients use the code flow. */
  @IsIn(['true', 'false'], { message: 'PASSWORD_GRANT must be true or false' })
  PASSWORD_GRANT: 'true' | 'false' = 'true';

  /** PostgreSQL connections per process; a feature's requests may hold all but a quarter of them. */
  @IntegerVariable(2, 200)
  DB_POOL_SIZE = 10;

  /** Milliseconds a statement may run (PostgreSQL statement_timeout) before the request gets 503. */
  @IntegerVariable(100, 600_000)
  DB_STATEMENT_TIMEOUT_MS = 5000;

  /** Milliseconds a request may wait for a database connection (or SQLite's write lock). */
  @IntegerVariable(50, 60_000)
  DB_ACQUIRE_TIMEOUT_MS = 2000;

  /** A request that waited longer (ms) for the event loop is shed with 503; 0 never sheds. */
  @IntegerVariable(0, 60_000)
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS = 200;

  /** On SIGTERM: seconds readiness answers 503 before the server stops accepting connections. */
  @IntegerVariable(0, 300)
  SHUTDOWN_DRAIN_SECONDS = 0;

  /** On SIGTERM: the most the whole shutdown may take before the process gives up and exits 1. */
  @IntegerVariable(1, 600)
  SHUTDOWN_GRACE_PERIOD = 15;

  /** Seconds an expired token row is kept before the purge deletes it (at most a year). */
  @IntegerVariable(0, 31_536_000)
  RETENTION_GRACE = 86_400;

  /** Seconds between two automatic purges of the token tables; 0 turns them off (at most a week). */
  @IntegerVariable(0, 604_800)
  PURGE_INTERVAL = 3_600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Unset: pretty on a terminal outside production, JSON otherwise. */
  @IsOptional()
  @IsIn(LOG_FORMATS, { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: LogFormat;

  @IsOptional()
  @Matches(/^\s*(-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----\s*)+$/, {
    message: 'JWT_PREVIOUS_PUBLIC_KEYS must be one or more PEM public keys (BEGIN PUBLIC KEY)',
  })
  JWT_PREVIOUS_PUBLIC_KEYS?: string;
}

/** Replaces each `<NAME>_FILE` by the content of the file it names. */
function readSecretFiles(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const resolved = { ...env };
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      throw new Error(`${name} and ${name}_FILE are both set; set only one`);
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new Error(
        `${name}_FILE names a file that cannot be read: ${file} (${fileProblem(error)})`,
      );
    }
    // Empty would mean "unset": a forgotten secret must not quietly become the default
    // (no Redis, a local SQLite file, a generated key).
    if (resolved[name] === '') throw new Error(`${name}_FILE names an empty file: ${file}`);
  }
  return resolved;
}

/** Empty strings count as unset, so `VAR=` in a compose file means "use the default". */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  );
}

export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const variables = plainToInstance(EnvironmentVariables, withoutEmpty(readSecretFiles(env)));
  const errors = validateSync(variables, { whitelist: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const hasAdminUser = variables.ADMIN_USERNAME !== undefined;
  if (hasAdminUser !== (variables.ADMIN_PASSWORD !== undefined)) {
    throw new Error(
      'Invalid configuration:\n  - ADMIN_USERNAME and ADMIN_PASSWORD must be set together',
    );
  }
  return variables;
}
