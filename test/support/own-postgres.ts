import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './listen';

/** PostgreSQL's server programs, as Debian installs them (on PATH on some machines). */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of a test's own, which the test may stop, start and remove. */
export interface OwnPostgres {
  readonly url: string;
  start(): void;
  /** `immediate`: as if the server crashed; `fast`: as an operator stops it. */
  stop(mode?: 'fast' | 'immediate'): void;
  remove(): void;
}

/**
 * initdb + pg_ctl on a free port, in a temporary directory: a server that can go away mid-test
 * without touching the machine's own. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user.
 */
export async function createOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'scopegate-own-pg-'));
  const root = userInfo().uid === 0;
  const owner = root ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : -1;
  if (root) chownSync(dir, owner, owner);
  const run = (program: string, args: string[]) =>
    execFileSync(
      root ? 'runuser' : join(BIN, program),
      root ? ['-u', 'postgres', '--', join(BIN, program), ...args] : args,
      { stdio: 'pipe' },
    );
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const server: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    remove: () => {
      try {
        server.stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}
