import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONS } from './options';
import { nextPort, Server, startServer, waitUntilUp } from './processes';

/** Each module the peer imports, and the Debian package that provides it. */
const MODULES: Record<string, string> = {
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  uvloop: 'python3-uvloop',
  httptools: 'python3-httptools',
  jwt: 'python3-jwt',
  cryptography: 'python3-cryptography',
};

/** Why the peer cannot run here, as a one-line note with what to install; undefined when it can. */
export function fastapiPeerMissing(): string | undefined {
  const python = OPTIONS.python;
  if (python === 'off') return 'FastAPI peer skipped (BENCH_PYTHON=off)';
  const packages = Object.values(MODULES).join(' ');
  if (!existsSync(python)) {
    return `FastAPI peer skipped: no ${python} (apt-get install python3 ${packages})`;
  }
  const missing = Object.keys(MODULES).filter(
    (module) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status !== 0,
  );
  if (missing.length === 0) return undefined;
  const install = missing.map((module) => MODULES[module]).join(' ');
  return `FastAPI peer skipped: ${python} lacks ${missing.join(', ')} (apt-get install ${install})`;
}

/**
 * bench/fastapi-peer/app.py on uvicorn with uvloop, httptools and one worker, without uvicorn's
 * access log: the goals compare scopegate, its log on, with the peer as one would run it for
 * speed. Python writes no __pycache__ into the repository.
 */
export async function startFastapiPeer(
  env: Record<string, string>,
  workDir: string,
): Promise<Server> {
  const port = nextPort();
  const server = startServer(
    OPTIONS.python,
    [
      '-m',
      'uvicorn',
      'app:app',
      '--app-dir',
      join('bench', 'fastapi-peer'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--loop',
      'uvloop',
      '--http',
      'httptools',
      '--no-access-log',
      '--workers',
      '1',
    ],
    { ...env, PYTHONDONTWRITEBYTECODE: '1' },
    port,
    join(workDir, 'fastapi-peer.log'),
  );
  await waitUntilUp(server, '/openapi.json');
  return server;
}
