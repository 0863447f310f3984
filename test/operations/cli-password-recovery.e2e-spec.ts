import { join } from 'node:path';
import { dataDirs } from '../support/app';
import { freePort } from '../support/listen';
import { startServer, until } from '../support/server-process';
import { dropServices, SERVICES, servicesEnvironment } from '../support/services';
import { runCli } from './cli';

const OLD_PASSWORD = 'forgotten-password-1';
const NEW_PASSWORD = 'recovered-password-2';

/**
 * The way back into a locked-out admin account, while the server runs: `users:set-password` sets a
 * new password and ends the account's tokens. With Redis every instance hears of it at once;
 * without, the server's cached user state expires within five seconds.
 */
describe.each([
  ['SQLite, no Redis', false],
  ['PostgreSQL and Redis', true],
])('users:set-password on %s', (_name, services) => {
  const dataDir = dataDirs();
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = dataDir();
    env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'scopegate.db')}` };
    if (services) {
      if (!SERVICES.postgresUrl || !SERVICES.redisUrl) throw new Error('TEST_* URLs are not set');
      env = { DATA_DIR: dir, ...(await servicesEnvironment(dir)) };
      delete env.DB_MIGRATE;
    }
    expect((await runCli(['migrations:run'], env)).code).toBe(0);
    expect(
      (await runCli(['users:create', 'root', '--role', 'admin'], env, OLD_PASSWORD)).code,
    ).toBe(0);
  });
  afterAll(() => (services ? dropServices(dir) : undefined));

  it('lets the admin in with the new password only, and ends the old tokens', async () => {
    const server = await startServer(`recovery-${String(services)}`, await freePort(), env);
    const signIn = (password: string) =>
      fetch(`${server.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: 'root', password }),
      });
    const me = (token: string) =>
      fetch(`${server.url}/users/me`, { headers: { authorization: `Bearer ${token}` } });
    try {
      const before = await signIn(OLD_PASSWORD);
      expect(before.status).toBe(200);
      const token = ((await before.json()) as { access_token: string }).access_token;
      expect((await me(token)).status).toBe(200);

      const set = await runCli(['users:set-password', 'ROOT'], env, `${NEW_PASSWORD}\n`);
      expect(set.code).toBe(0);
      expect(set.stdout + set.stderr).not.toContain(NEW_PASSWORD);

      if (services) expect((await me(token)).status).toBe(401);
      else
        await until(async () => (await me(token)).status === 401, 'the old token to end', 10_000);
      expect((await signIn(OLD_PASSWORD)).status).toBe(400);
      expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
