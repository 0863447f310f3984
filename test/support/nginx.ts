import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './listen';
import { until } from './server-process';

const DOCUMENTED_CONF = join(__dirname, '..', '..', 'deploy', 'nginx.conf');

export interface Proxy {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * deploy/nginx.conf with only what Compose provides swapped for this machine: the upstream's
 * servers (Compose's DNS name, resolved by Docker's resolver) become the given addresses, and it
 * listens on a free local port. Every `location` directive stays as documented.
 */
export function adaptDocumentedConf(upstreams: string[], port: number): string {
  const documented = readFileSync(DOCUMENTED_CONF, 'utf8');
  const adapted = documented
    .replace(/^\s*resolver\s[^;]*;\s*$/m, '')
    .replace(/^\s*server\s+scopegate:3000\b[^;]*;\s*$/m, () =>
      upstreams.map((address) => `  server ${address};`).join('\n'),
    )
    .replace(/^\s*listen\s+80;\s*$/m, `  listen 127.0.0.1:${port};`);
  for (const expected of [`listen 127.0.0.1:${port};`, `server ${upstreams[0]};`]) {
    if (!adapted.includes(expected))
      throw new Error(`deploy/nginx.conf changed shape: ${expected}`);
  }
  return adapted;
}

/** Debian's nginx running deploy/nginx.conf in front of `upstreams` (host:port). */
export async function startDocumentedProxy(upstreams: string[]): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), 'scopegate-nginx-'));
  // nginx started as root runs its workers as nobody, who must be able to write temp files here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  writeFileSync(join(dir, 'scopegate.conf'), adaptDocumentedConf(upstreams, port));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${join(dir, kind)};`)
    .join('\n  ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events {}
http {
  access_log off;
  ${temp}
  include ${join(dir, 'scopegate.conf')};
}
`,
  );
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', dir, '-e', 'stderr', '-c', join(dir, 'nginx.conf')],
    {
      // Debian installs it in /usr/sbin, which a non-root PATH may lack.
      env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin` },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let running = true;
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => resolve(`exit ${code ?? signal}`));
  }).finally(() => (running = false));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (running) child.kill('SIGQUIT');
    await ended;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      until(async () => (await fetch(`${url}/health/live`)).ok, 'nginx to proxy'),
      ended.then((how) => {
        throw new Error(`nginx (Debian's nginx-light package) did not start: ${how}\n${output}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
