import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InquirerService } from 'nest-commander';
import { fileProblem } from '../../config/file-problem';

/**
 * A secret for a command: from a file when one is named, from a hidden prompt on a terminal, or
 * else the first line of standard input (a pipe). Never from the command line, where other users
 * of the machine and the shell's history would see it.
 */
export async function readSecret(
  inquirer: InquirerService,
  label: string,
  file: string | undefined,
): Promise<string> {
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${fileProblem(error)}`);
    }
  }
  if (process.stdin.isTTY) {
    const answers = await inquirer.ask<{ secret: string; label: string }>('secret', { label });
    return answers.secret;
  }
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) return line;
  throw new Error(`No ${label} on standard input`);
}
