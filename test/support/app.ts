import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { Role } from '../../src/common/authz/scope-table';
import { UsersService } from '../../src/users/users.service';
import { checkResponses } from './response-check/recorder';
import { dropServices, servicesEnvironment } from './services';

export const PASSWORD = 'correct-horse-battery';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly dataDir: string;
  readonly http: () => ReturnType<typeof request>;
  /** A user created straight through the service, with PASSWORD. */
  createUser(role: Role, username?: string): Promise<{ id: string; username: string }>;
  /** An access token from POST /auth/token; fails the test unless it is granted. */
  token(username: string, scope?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'scopegate-test-'));

/**
 * Data directories made on demand within a describe block, all removed after it (with the
 * databases and keys a restartable app made for them under `npm run test:services`).
 */
export function dataDirs(): () => string {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await dropServices(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    const dir = newDataDir();
    dirs.push(dir);
    return dir;
  };
}

/** A fresh RSA key as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`). */
export const rsaPkcs1Pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();

let counter = 0;
export const uniqueName = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

/**
 * Starts the real application on a fresh database (SQLite, or PostgreSQL + Redis under
 * `npm run test:services`; `redis: false` leaves Redis out) in its own temporary data directory. The
 * environment is set only while the app reads its configuration. Every response it sends is checked
 * against its own OpenAPI document (test/support/response-check).
 */
export async function startApp(
  env: Record<string, string> = {},
  options: {
    dataDir?: string;
    logDestination?: DestinationStream;
    redis?: boolean;
    /** Runs before `init()`, while routes and hooks can still be added. */
    configure?: (app: NestFastifyApplication) => void;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? newDataDir();
  const saved = process.env;
  process.env = {
    ...saved,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'scopegate.db')}`,
    LOG_LEVEL: 'error',
    // In one process with jest, a busy test makes the loop late with no load at all; shedding is
    // tested from dist/ by test:faults.
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...(await servicesEnvironment(dataDir, { redis: options.redis })),
    ...env,
  };
  let app: NestFastifyApplication;
  try {
    app = await createApp({ logDestination: options.logDestination });
    const responseCheck = checkResponses(app);
    options.configure?.(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await responseCheck.loadContract();
  } finally {
    process.env = saved;
  }
  const http = () => request(app.getHttpServer());

  return {
    app,
    dataDir,
    http,
    async createUser(role, username = uniqueName(role)) {
      const user = await app.get(UsersService).create({ username, password: PASSWORD, role });
      return { id: user.id, username: user.username };
    },
    async token(username, scope, password = PASSWORD) {
      const form: Record<string, string> = { grant_type: 'password', username, password };
      if (scope !== undefined) form.scope = scope;
      const response = await http().post('/auth/token').type('form').send(form);
      if (response.status !== 200) {
        throw new Error(
          `token for ${username}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      return (response.body as { access_token: string }).access_token;
    },
    async close() {
      await app.close();
      if (!options.dataDir) {
        await dropServices(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
