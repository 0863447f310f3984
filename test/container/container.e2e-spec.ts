import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/**
 * The image as users deploy it, built from the Dockerfile with podman (no Docker engine here) on
 * stand-ins for its base images, run on SQLite in a volume.
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

  beforeAll(async () => {
    const nodeVersion = /^ARG NODE_VERSION=(\d+)$/m.exec(
      readFileSync(join(ROOT, 'Dockerfile'), 'utf8'),
    )![1];
    execFileSync('bash', [join(__dirname, 'standin-images.sh'), nodeVersion], { stdio: 'inherit' });
    podman('build', '--pull=never', '--isolation=chroot', '--format', 'docker', '-t', tag, ROOT);
    podman('volume', 'create', volume);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
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
      '-e',
      `JWT_PRIVATE_KEY=${privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`,
      '-e',
      `JWT_ISSUER=${url}`,
      '-e',
      `ADMIN_USERNAME=${ADMIN.username}`,
      '-e',
      `ADMIN_PASSWORD=${ADMIN.password}`,
      tag,
    );
    await ready();
  });

  afterAll(() => {
    for (const args of [
      ['rm', '-f', name],
      ['volume', 'rm', '-f', volume],
      ['rmi', '-f', tag],
    ]) {
      try {
        podman(...args);
      } catch {
        // already gone
      }
    }
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
