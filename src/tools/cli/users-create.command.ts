import { Command, InquirerService, Option } from 'nest-commander';
import { CliCommand } from './cli-command';
import { CreateUserDto } from '../../users/dto/create-user.dto';
import { UsersService } from '../../users/users.service';
import { readSecret } from './secret-input';
import { validated } from './validated';

interface Options {
  role?: string;
  email?: string;
  fullName?: string;
  passwordFile?: string;
}

@Command({
  name: 'users:create',
  arguments: '<username>',
  description:
    'Create a user. The password comes from --password-file, a hidden prompt, or standard input.',
})
export class UsersCreateCommand extends CliCommand {
  constructor(
    private readonly users: UsersService,
    private readonly inquirer: InquirerService,
  ) {
    super();
  }

  async run([username]: string[], options: Options): Promise<void> {
    const password = await readSecret(this.inquirer, 'Password', options.passwordFile);
    const dto = await validated(CreateUserDto, {
      username,
      password,
      role: options.role,
      email: options.email,
      fullName: options.fullName,
    });
    const user = await this.users.create(dto);
    console.log(`Created ${user.role} ${user.username} (${user.id})`);
  }

  @Option({ flags: '--role <role>', description: 'user (default), editor or admin' })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--email <email>' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--full-name <name>' })
  parseFullName(value: string): string {
    return value;
  }

  @Option({ flags: '--password-file <path>', description: 'read the password from this file' })
  parsePasswordFile(value: string): string {
    return value;
  }
}
