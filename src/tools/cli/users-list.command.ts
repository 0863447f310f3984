import { Command } from 'nest-commander';
import { CliCommand } from './cli-command';
import { UsersService } from '../../users/users.service';
import { printTable } from './table';

@Command({ name: 'users:list', description: 'List the user accounts (never their passwords)' })
export class UsersListCommand extends CliCommand {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(): Promise<void> {
    const rows = [];
    let after: string | undefined;
    do {
      const page = await this.users.list({ limit: 100, after, count: false });
      rows.push(...page.data);
      after = page.next ?? undefined;
    } while (after);
    printTable(
      ['id', 'username', 'role', 'disabled'],
      rows.map((user) => [user.id, user.username, user.role, String(user.disabled)]),
    );
  }
}
