import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/listen';
import { until } from '../support/server-process';

const ROOT = join(__dirname, '..', '..');
const SIZE_BUDGET_BYTES = 250 * 1000 * 1000;
const ADMIN = { username: 'root', password: 'a-real-admin-password-7' };
const RUN_FLAGS = [
  '--runtime',
  'runc',
  '--ulimit',
  'nofile=4096:4096',
  '--ulimit',
  'nproc=4096:4096',
];

const podman = (...args: string[]) =>
  execFileSync('podman', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The image's `node` user, who must be able to read the secret files. */
const CONTAINER_UID = 1000;

/**
 * The image as users deploy it, built from the Dockerfile with podman (no Docker engine here) on
 * stand-ins for its base images, run as the README says: on SQLite in a volume, with the signing
 * key and the admin password as files made with openssl and handed to the container's user.
 */
describe('the container image', () => {
  const tag = `localhost/scopegate:test-${process.pid}`;
  const name = `scopegate-test-${process.pid}`;
  const volume = `scopegate-data-${process.pid}`;
  let url: string;
  let token: string;

  const inspect = (format: string) => podman('inspect', '--format', format, name);
  const ready = () =>
    until(async () => (await fetch(`${url}/health/ready`)).ok, 'the container to be ready', 60_000);

  let secrets: string;
  let standins: string[];

  /** The README's recipe: openssl makes the files, then only the container's user may read them. */
  function makeSecrets(): void {
    secrets = mkdtempSync(join(tmpdir(), 'scopegate-secrets-'));
    const key = join(secrets, 'jwt.pem');
    execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-out',
      key,
    ]);
    writeFileSync(join(secrets, 'admin-password'), `${ADMIN.password}\n`);
    for (const file of [key, join(secrets, 'admin-password')]) {
      chownSync(file, CONTAINER_UID, CONTAINER_UID);
      chmodSync(file, 0o400);
    }
  }

  const secretMounts = (key = join(secrets, 'jwt.pem')) => [
    '-v',
    `${key}:/run/secrets/jwt.pem:ro`,
    '-e',
    'JWT_PRIVATE_KEY_FILE=/run/secrets/jwt.pem',
    '-v',
    `${join(secrets, 'admin-password')}:/run/secrets/admin:ro`,
    '-e',
    `ADMIN_USERNAME=${ADMIN.username}`,
    '-e',
    'ADMIN_PASSWORD_FILE=/run/secrets/admin',
  ];

  beforeAll(async () => {
    const nodeVersion = /^ARG NODE_VERSION=(\d+)$/m.exec(
      readFileSync(join(ROOT, 'Dockerfile'), 'utf8'),
    )![1];
    execFileSync('bash', [join(__dirname, 'standin-images.sh'), nodeVersion], { stdio: 'inherit' });
    standins = ['', '-slim'].map(
      (kind) => `localhost/scopegate-test/node:${nodeVersion}-bookworm${kind}`,
    );
    podman(
      'build',
      '--pull=never',
      '--isolation=chroot',
      '--format',
      'docker',
      '--build-arg',
      `BUILD_IMAGE=${standins[0]}`,
      '--build-arg',
      `RUNTIME_IMAGE=${standins[1]}`,
      '-t',
      tag,
      ROOT,
    );
    makeSecrets();
    podman('volume', 'create', volume);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    podman(
      'run',
      '-d',
      '--name',
      name,
      ...RUN_FLAGS,
      '-p',
      `127.0.0.1:${port}:3000`,
      '-v',
      `${volume}:/app/data`,
      ...secretMounts(),
      '-e',
      `JWT_ISSUER=${url}`,
      tag,
    );
    await ready();
  });

  afterAll(() => {
    for (const args of [
      ['rm', '-f', name],
      ['volume', 'rm', '-f', volume],
      ['rmi', '-f', tag, ...standins],
      ['image', 'prune', '-f'],
    ]) {
      try {
        podman(...args);
      } catch {
        // already gone
      }
    }
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  });

  /** The container's one line and exit code when it cannot start with the given key file. */
  function failedStart(key: string, keyVariable = '/run/secrets/jwt.pem') {
    const run = spawnSync(
      'podman',
      [
        'run',
        '--rm',
        ...RUN_FLAGS,
        ...secretMounts(key),
        '-e',
        `JWT_PRIVATE_KEY_FILE=${keyVariable}`,
        tag,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    // The server logs to standard output; podman's own complaints go to standard error.
    const lines = run.stdout.split('\n').filter(Boolean);
    return { status: run.status, lines };
  }

  it('names the key file and why when its user cannot read it, in one line, and exits 1', () => {
    const rootOnly = join(secrets, 'root-only.pem');
    execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      rootOnly,
    ]);
    chmodSync(rootOnly, 0o600);
    const unreadable = failedStart(rootOnly);
    expect(unreadable.status).toBe(1);
    expect(unreadable.lines).toHaveLength(1);
    expect(JSON.parse(unreadable.lines[0]).msg).toContain(
      `JWT_PRIVATE_KEY_FILE names a file that cannot be read: /run/secrets/jwt.pem (permission denied to this process (uid ${CONTAINER_UID}))`,
    );

    const missing = failedStart(rootOnly, '/run/secrets/missing.pem');
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.lines[0]).msg).toContain(
      '/run/secrets/missing.pem (it does not exist)',
    );
  });

  it('runs the CLI in the image', () => {
    expect(podman('exec', name, 'node', 'dist/cli.js', 'users:list')).toMatch(
      new RegExp(`\\s${ADMIN.username}\\s+admin\\s+false`),
    );
  });

  it('stays under the size budget', () => {
    expect(Number(podman('image', 'inspect', '--format', '{{.Size}}', tag))).toBeLessThan(
      SIZE_BUDGET_BYTES,
    );
  });

  it('runs as a non-root user, in production mode, with a health check that passes', () => {
    expect(
      podman('exec', name, 'node', '-e', 'process.stdout.write(String(process.getuid()))'),
    ).not.toBe('0');
    expect(inspect('{{.Config.User}}')).toBe('node');
    expect(podman('exec', name, 'node', '-e', 'process.stdout.write(process.env.NODE_ENV)')).toBe(
      'production',
    );
    podman('healthcheck', 'run', name);
  });

  it('issues a token and accepts it', async () => {
    const response = await fetch(`${url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', ...ADMIN }),
    });
    expect(response.status).toBe(200);
    token = ((await response.json()) as { access_token: string }).access_token;
    const created = await fetch(`${url}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Survivor', priceCents: 100, stock: 3 }),
    });
    expect(created.status).toBe(201);
  });

  it('stops cleanly on SIGTERM and keeps its data in the volume across a restart', async () => {
    podman('stop', '--time', '30', name);
    expect(inspect('{{.State.ExitCode}}')).toBe('0');
    podman('start', name);
    await ready();
    const items = await fetch(`${url}/items`, { headers: { authorization: `Bearer ${token}` } });
    expect(items.status).toBe(200);
    const page = (await items.json()) as { data: Array<{ name: string }> };
    expect(page.data.map((item) => item.name)).toContain('Survivor');
  });
});
