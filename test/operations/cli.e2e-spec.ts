import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirs } from '../support/app';
import { freePort } from '../support/listen';
import { startServer } from '../support/server-process';
import { dropServices, SERVICES, servicesEnvironment } from '../support/services';
import { runCli } from './cli';

const PASSWORD = 'operator-password-1';

/** The operator's commands against each kind of database, as `node dist/cli.js …`. */
describe.each(['sqlite', 'postgres'])('the scopegate CLI on %s', (kind) => {
  const dataDir = dataDirs();
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => runCli(args, env, input);

  beforeAll(async () => {
    dir = dataDir();
    env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'scopegate.db')}` };
    if (kind === 'postgres') {
      if (!SERVICES.postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
      const services = await servicesEnvironment(dir, { redis: false });
      env = { DATA_DIR: dir, DATABASE_URL: services.DATABASE_URL };
    }
  });
  afterAll(() => (kind === 'postgres' ? dropServices(dir) : undefined));

  it('shows, applies and reverts migrations; other commands wait for them', async () => {
    const fresh = await cli(['migrations:show']);
    expect(fresh.code).toBe(3);
    expect(fresh.stdout).toMatch(/^\[ \] InitialSchema\d+$/m);

    const unmigrated = await cli(['users:list']);
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.stderr).toContain('migrations:run');

    const run = await cli(['migrations:run']);
    expect(run.code).toBe(0);
    expect((await cli(['migrations:show'])).code).toBe(0);

    const revert = await cli(['migrations:revert']);
    expect(revert.stdout).toContain('Reverted the last migration');
    expect((await cli(['migrations:show'])).code).toBe(3);
    expect((await cli(['migrations:run'])).stdout).toContain('1 migration(s) applied');
  });

  it('creates users from standard input or a file, validated as the API does, and lists them', async () => {
    const created = await cli(['users:create', 'Ops.Admin', '--role', 'admin'], `${PASSWORD}\n`);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/^Created admin Ops\.Admin \([0-9a-f-]{36}\)$/m);

    const file = join(dir, 'password');
    writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
    expect(
      (await cli(['users:create', 'editor1', '--role', 'editor', '--password-file', file])).code,
    ).toBe(0);

    const refused = [
      await cli(['users:create', 'shorty'], 'too-short\n'),
      await cli(['users:create', 'bad name'], `${PASSWORD}\n`),
      await cli(['users:create', 'someone', '--role', 'root'], `${PASSWORD}\n`),
      await cli(['users:create', 'OPS.ADMIN'], `${PASSWORD}\n`),
      await cli(['users:create', 'nobody', '--password-file', join(dir, 'missing')]),
    ];
    expect(refused.map((result) => result.code)).toEqual([1, 1, 1, 1, 1]);
    expect(refused[0].stderr).toContain('password must be longer than or equal to 12 characters');
    expect(refused[3].stderr).toContain('That username is taken');
    expect(refused[4].stderr).toContain('it does not exist');

    const list = await cli(['users:list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Ops\.Admin\s+admin\s+false/);
    expect(list.stdout).toMatch(/editor1\s+editor\s+false/);
    expect(list.stdout + list.stderr).not.toContain('argon2');
    expect(list.stdout + list.stderr).not.toContain(PASSWORD);
  });

  it('reads an empty LOG_LEVEL as unset, as the server does', async () => {
    const listed = await runCli(['users:list'], { ...env, LOG_LEVEL: '' });
    expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('answers a wrong command line with exit code 2', async () => {
    expect((await cli(['users:frobnicate'])).code).toBe(2);
    expect((await cli(['users:create'])).code).toBe(2);
    expect((await cli(['clients:create', '--name', 'x'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('writes a new signing key readable by its owner only, and never over a file', async () => {
    const key = join(dir, 'jwt.pem');
    const written = await cli(['keys:generate', '--out', key, '--alg', 'ES256']);
    expect(written.code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const again = await cli(['keys:generate', '--out', key]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('it exists');
  });

  it('registers, lists and deletes clients; a deleted client’s token stops working', async () => {
    const created = await cli([
      'clients:create',
      '--name',
      'worker',
      '--scopes',
      'items:read,orders:read',
    ]);
    expect(created.code).toBe(0);
    const id = /^client_id=(.+)$/m.exec(created.stdout)![1];
    const secret = /^client_secret=(.+)$/m.exec(created.stdout)![1];
    expect((await cli(['clients:list'])).stdout).toMatch(
      new RegExp(`${id}\\s+worker\\s+confidential\\s+items:read orders:read`),
    );
    expect((await cli(['clients:create', '--name', 'x', '--scopes', 'everything'])).code).toBe(1);

    const server = await startServer(`cli-${kind}`, await freePort(), env);
    try {
      const token = await fetch(`${server.url}/auth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      expect(token.status).toBe(200);
      const access = ((await token.json()) as { access_token: string }).access_token;
      const items = () =>
        fetch(`${server.url}/items`, { headers: { authorization: `Bearer ${access}` } });
      expect((await items()).status).toBe(200);

      expect((await cli(['clients:delete', id.toUpperCase()])).code).toBe(0);
      expect((await items()).status).toBe(401);
      expect((await cli(['clients:delete', id])).stderr).toContain('Client not found');
    } finally {
      await server.stop();
    }
  });
});
