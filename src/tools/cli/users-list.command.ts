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
    for (let offset = 0; ; offset += 100) {
      const page = await this.users.list({ limit: 100, offset });
      rows.push(...page.data);
      if (rows.length >= page.total || page.data.length === 0) break;
    }
    printTable(
      ['id', 'username', 'role', 'disabled'],
      rows.map((user) => [user.id, user.username, user.role, String(user.disabled)]),
    );
  }
}
