import { Command, InquirerService, Option } from 'nest-commander';
import { CliCommand } from './cli-command';
import { CreateUserDto } from '../../users/dto/create-user.dto';
import { UsersService } from '../../users/users.service';
import { readSecret } from './secret-input';
import { validated } from './validated';

@Command({
  name: 'users:set-password',
  arguments: '<username>',
  description:
    "Set a user's password (the way back into a locked-out admin account); ends its tokens.",
})
export class UsersSetPasswordCommand extends CliCommand {
  constructor(
    private readonly users: UsersService,
    private readonly inquirer: InquirerService,
  ) {
    super();
  }

  async run([username]: string[], options: { passwordFile?: string }): Promise<void> {
    const password = await readSecret(this.inquirer, 'New password', options.passwordFile);
    // The same rules as for a new account.
    await validated(CreateUserDto, { username, password });
    const user = await this.users.setPassword(username, password);
    console.log(`Password set for ${user.username}; its earlier tokens no longer work`);
  }

  @Option({ flags: '--password-file <path>', description: 'read the password from this file' })
  parsePasswordFile(value: string): string {
    return value;
  }
}
