import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { newDataDir } from './app';
import { freePort } from './listen';
import { dropServices, servicesEnvironment, SERVICES } from './services';
import { ServerProcess, startServer } from './server-process';

export const REPLICA_ADMIN = { username: 'root', password: 'root-password-123' };

export interface Replicas {
  readonly a: ServerProcess;
  readonly b: ServerProcess;
  /** Their one database, for a test that looks at or holds what they share. */
  readonly databaseUrl: string;
  /** Stops both and drops their database and keys. */
  close(): Promise<void>;
}

/**
 * Two scopegate processes from dist/ on one fresh PostgreSQL database and one Redis key space, as
 * replicas behind a load balancer run: A applies the migrations, B starts on the schema A made.
 */
export async function startReplicas(env: Record<string, string> = {}): Promise<Replicas> {
  if (!SERVICES.postgresUrl || !SERVICES.redisUrl) {
    throw new Error('Set TEST_DATABASE_URL and TEST_REDIS_URL (npm run test:scale-out does)');
  }
  const dataDir = newDataDir();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const services = await servicesEnvironment(dataDir);
  const common = {
    ...services,
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    JWT_ISSUER: 'http://scopegate.test',
    ADMIN_USERNAME: REPLICA_ADMIN.username,
    ADMIN_PASSWORD: REPLICA_ADMIN.password,
    THROTTLE_DEFAULT_PER_MINUTE: '0',
    THROTTLE_TOKEN_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const started: ServerProcess[] = [];
  const close = async () => {
    await Promise.all(started.map((server) => server.stop()));
    await dropServices(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const a = await startServer('A', await freePort(), {
      ...common,
      DATA_DIR: `${dataDir}/a`,
      DB_MIGRATE: 'true',
    });
    started.push(a);
    const b = await startServer('B', await freePort(), {
      ...common,
      DATA_DIR: `${dataDir}/b`,
      DB_MIGRATE: 'false',
    });
    started.push(b);
    return { a, b, databaseUrl: services.DATABASE_URL, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** POSTs a form, as an OAuth client does. */
export const postForm = (
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });

/** Calls the API with a bearer token and an optional JSON body. */
export const callApi = (
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: object,
) =>
  fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });

/** An access (and refresh) token from the password grant; throws unless granted. */
export async function passwordToken(
  baseUrl: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<{ access_token: string; refresh_token: string }> {
  const response = await postForm(baseUrl, '/auth/token', {
    grant_type: 'password',
    username,
    password,
    ...extra,
  });
  if (response.status !== 200)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string; refresh_token: string };
}
