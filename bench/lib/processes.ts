import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = join(__dirname, '..', '..');

/** A server under load: its process (for RSS), where it listens and what its output went to. */
export interface Server {
  process: ChildProcess;
  url: string;
  outputFile: string;
}

/**
 * The environment a server starts from: only PATH and HOME are inherited, so a DATABASE_URL,
 * REDIS_URL or LOG_LEVEL of the caller's shell cannot change what is measured.
 */
const cleanEnvironment = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });

/** Every server started, so that one call stops them all, even one that never came up. */
const started: Server[] = [];

/** Starts a server with its stdout and stderr appended to outputFile, as a collector would. */
export function startServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  outputFile: string,
): Server {
  const output = openSync(outputFile, 'a');
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...cleanEnvironment(), ...env, PORT: String(port) },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const server = { process: child, url: `http://127.0.0.1:${port}`, outputFile };
  started.push(server);
  return server;
}

/** Resolves once the server answers at path; fails early, with its output, if it exits. */
export async function waitUntilUp(server: Server, path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.process.exitCode !== null) break;
    try {
      if ((await fetch(`${server.url}${path}`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const tail = readFileSync(server.outputFile, 'utf8').split('\n').slice(-5).join('\n');
  throw new Error(`${server.url}${path} did not come up:\n${tail}`);
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Ports counted up from a random start, so that two benches on one machine rarely collide. */
let lastPort = 41000 + Math.floor(Math.random() * 900);
export const nextPort = () => ++lastPort;

export async function stopAll(): Promise<void> {
  for (const server of started.splice(0)) server.process.kill('SIGTERM');
  await sleep(500);
}
