import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirs } from '../support/app';
import { freePort } from '../support/listen';
import { startServer } from '../support/server-process';
import { dropServices, SERVICES, servicesEnvironment } from '../support/services';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** `node dist/main.js` until it exits by itself: its exit code and every line it wrote. */
async function failedStart(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  return { code, lines: output.split('\n').filter(Boolean) };
}

/** Exactly one JSON line at `fatal` (60), and its message. */
function onlyFatalLine(lines: string[]): string {
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]) as { level: number; msg: string };
  expect(line.level).toBe(60);
  return line.msg;
}

describe('a start that fails says why in one line, and exits 1', () => {
  const dataDir = dataDirs();

  it('names the variable of a bad configuration', async () => {
    const { code, lines } = await failedStart({ DATA_DIR: dataDir(), PORT: 'eighty' });
    expect(code).toBe(1);
    expect(onlyFatalLine(lines)).toContain('PORT must');
  });

  it('names a secret file and why it cannot be read', async () => {
    const dir = dataDir();
    const { code, lines } = await failedStart({ DATA_DIR: dir, JWT_PRIVATE_KEY_FILE: dir });
    expect(code).toBe(1);
    expect(onlyFatalLine(lines)).toContain(
      `JWT_PRIVATE_KEY_FILE names a file that cannot be read: ${dir} (it is a directory)`,
    );
  });

  it('names an SQLite path it cannot use', async () => {
    const dir = dataDir();
    const blocker = join(dir, 'not-a-directory');
    writeFileSync(blocker, '');
    const { code, lines } = await failedStart({
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(blocker, 'scopegate.db')}`,
    });
    expect(code).toBe(1);
    expect(onlyFatalLine(lines)).toContain(
      `Cannot create the directory of SQLite ${join(blocker, 'scopegate.db')}: a file of that name is in the way`,
    );
  });

  it('gives up on an unreachable PostgreSQL after a few tries, without its password', async () => {
    const port = await freePort();
    const started = Date.now();
    const { code, lines } = await failedStart({
      DATA_DIR: dataDir(),
      DATABASE_URL: `postgres://scopegate:s3cret-pw@127.0.0.1:${port}/scopegate`,
    });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    const message = onlyFatalLine(lines);
    expect(message).toContain(
      `Cannot reach PostgreSQL 127.0.0.1:${port}/scopegate: ECONNREFUSED (5 attempts)`,
    );
    expect(lines.join('\n')).not.toContain('s3cret-pw');
  });

  it('names the command when PostgreSQL lacks the schema', async () => {
    if (!SERVICES.postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
    const dir = dataDir();
    const { DATABASE_URL } = await servicesEnvironment(dir, { redis: false });
    try {
      const { code, lines } = await failedStart({
        DATA_DIR: dir,
        DATABASE_URL,
        DB_MIGRATE: 'false',
      });
      expect(code).toBe(1);
      expect(onlyFatalLine(lines)).toMatch(
        /lacks \d+ migration\(s\): run node dist\/cli\.js migrations:run/,
      );
    } finally {
      await dropServices(dir);
    }
  });
});

describe('start-up lines', () => {
  const dataDir = dataDirs();

  async function startupLines(env: Record<string, string>) {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const server = await startServer('logs', await freePort(), {
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'scopegate.db')}`,
      ...env,
    });
    await server.stop();
    return { dir, output: server.output() };
  }

  it('say once, in JSON by default off a terminal, where to go, what runs, and what is missing', async () => {
    const { dir, output } = await startupLines({ JWT_ISSUER: 'http://localhost:4321' });
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    const messages = lines.map((line) => line.msg);
    expect(messages.filter((msg) => msg.startsWith('scopegate is ready'))).toEqual([
      expect.stringMatching(
        /^scopegate is ready at http:\/\/localhost:4321 \(Swagger UI: http:\/\/localhost:4321\/docs\); listening on 127\.0\.0\.1:\d+; SQLite .*; no Redis \(one instance\)$/,
      ),
    ]);
    expect(messages).toContain(
      `Generated a new signing key in ${join(dir, 'jwt-rs256-private.pem')}`,
    );
    expect(lines.find((line) => line.msg.startsWith('No user account exists yet'))?.level).toBe(40);
    expect(messages.some((msg) => /Mapped \{/.test(msg))).toBe(false);
  });

  it('are readable text with LOG_FORMAT=pretty, and route mapping shows at debug', async () => {
    const { output } = await startupLines({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' });
    expect(output).toMatch(/INFO.*scopegate is ready at/);
    expect(output).toMatch(/DEBUG.*Mapped \{\/items, GET\} route/);
    expect(output.split('\n').some((line) => line.startsWith('{'))).toBe(false);
  });
});
