import { writeFileSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { CliCommand } from './cli-command';
import { JWT_ALGORITHMS, JwtAlgorithm } from '../../config/environment';
import { fileProblem } from '../../config/file-problem';
import { newSigningSecret } from '../../config/jwt-keys';

interface Options {
  out: string;
  alg: JwtAlgorithm;
}

@Command({
  name: 'keys:generate',
  description:
    'Write a new signing key (PKCS#8 PEM; a secret for HS256) readable by its owner only (0600), ' +
    'for JWT_PRIVATE_KEY_FILE or JWT_SECRET_FILE. Never overwrites a file.',
})
export class KeysGenerateCommand extends CliCommand {
  async run(_params: string[], { out, alg }: Options): Promise<void> {
    try {
      writeFileSync(out, newSigningSecret(alg), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      throw new Error(`Cannot write ${out}: ${exists ? 'it exists' : fileProblem(error)}`);
    }
    console.log(`Wrote a new ${alg} key to ${out} (mode 0600)`);
  }

  @Option({ flags: '--out <path>', description: 'the file to create', required: true })
  parseOut(value: string): string {
    return value;
  }

  @Option({
    flags: '--alg <alg>',
    description: 'RS256 (default), ES256 or HS256',
    defaultValue: 'RS256',
    choices: [...JWT_ALGORITHMS],
  })
  parseAlg(value: string): string {
    return value;
  }
}
