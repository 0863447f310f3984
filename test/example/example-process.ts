import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../support/server-process';

const MAIN = join(__dirname, '..', '..', 'examples', 'inventory-api', 'dist', 'main.js');

export interface ExampleProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** The example API from its build, trusting the scopegate at `issuer`. */
export async function startExample(
  port: number,
  env: Record<string, string>,
): Promise<ExampleProcess> {
  if (!existsSync(MAIN)) throw new Error('run `npm run build -w inventory-api` first');
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  await Promise.race([
    until(async () => (await fetch(`${url}/health`)).ok, 'the example API'),
    exited.then(() => {
      throw new Error(`the example API exited:\n${output}`);
    }),
  ]);
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
