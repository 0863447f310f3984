import { Command, Option } from 'nest-commander';
import { CliCommand } from './cli-command';
import { ClientsService } from '../../clients/clients.service';
import { CreateClientDto } from '../../clients/dto/create-client.dto';
import { validated } from './validated';

interface Options {
  name: string;
  scopes: string;
  redirectUri?: string[];
  public?: boolean;
}

@Command({
  name: 'clients:create',
  description:
    'Register an OAuth client. A confidential one gets a secret, printed here once and never again.',
})
export class ClientsCreateCommand extends CliCommand {
  constructor(private readonly clients: ClientsService) {
    super();
  }

  async run(_params: string[], options: Options): Promise<void> {
    const dto = await validated(CreateClientDto, {
      name: options.name,
      scopes: options.scopes.split(/[\s,]+/).filter(Boolean),
      redirectUris: options.redirectUri,
      public: options.public,
    });
    const { client, secret } = await this.clients.create(dto);
    console.log(`client_id=${client.id}`);
    if (secret) console.log(`client_secret=${secret}`);
  }

  @Option({ flags: '--name <name>', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({
    flags: '--scopes <scopes>',
    description: 'the most its tokens may hold, separated by spaces or commas',
    required: true,
  })
  parseScopes(value: string): string {
    return value;
  }

  @Option({ flags: '--redirect-uri <uri>', description: 'for the code flow; may be repeated' })
  parseRedirectUri(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({ flags: '--public', description: 'a browser app: no secret, PKCE required' })
  parsePublic(): boolean {
    return true;
  }
}
