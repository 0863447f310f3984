import { Command } from 'nest-commander';
import { PurgeLock } from '../../auth/retention/purge-lock';
import { TokenPurge } from '../../auth/retention/token-purge';
import { CliCommand } from './cli-command';
import { printTable } from './table';

@Command({
  name: 'tokens:purge',
  description:
    'Delete token rows expired for longer than RETENTION_GRACE (what the server does every PURGE_INTERVAL)',
})
export class TokensPurgeCommand extends CliCommand {
  constructor(
    private readonly purge: TokenPurge,
    private readonly lock: PurgeLock,
  ) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.lock.whileHeld(() => this.purge.purge());
    if (report === undefined) {
      throw new Error('a server is purging the token tables right now; try again when it is done');
    }
    printTable(
      ['table', 'deleted'],
      Object.entries(report).map(([table, rows]) => [table, String(rows)]),
    );
  }
}
