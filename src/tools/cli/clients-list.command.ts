import { Command } from 'nest-commander';
import { CliCommand } from './cli-command';
import { ClientsService } from '../../clients/clients.service';
import { printTable } from './table';

@Command({ name: 'clients:list', description: 'List the registered OAuth clients (no secrets)' })
export class ClientsListCommand extends CliCommand {
  constructor(private readonly clients: ClientsService) {
    super();
  }

  async run(): Promise<void> {
    const rows = [];
    let after: string | undefined;
    do {
      const page = await this.clients.list({ limit: 100, after, count: false });
      rows.push(...page.data);
      after = page.next ?? undefined;
    } while (after);
    printTable(
      ['client_id', 'name', 'type', 'scopes'],
      rows.map((client) => [
        client.id,
        client.name,
        client.isPublic ? 'public' : 'confidential',
        client.scope,
      ]),
    );
  }
}
