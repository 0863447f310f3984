import { Command } from 'nest-commander';
import { CliCommand } from './cli-command';
import { ClientsService } from '../../clients/clients.service';
import { IsId } from '../../common/validation/id';
import { validated } from './validated';

class ClientIdArgument {
  @IsId()
  id: string;
}

@Command({
  name: 'clients:delete',
  arguments: '<client_id>',
  description: 'Delete a client; every token issued to it stops working',
})
export class ClientsDeleteCommand extends CliCommand {
  constructor(private readonly clients: ClientsService) {
    super();
  }

  async run([clientId]: string[]): Promise<void> {
    const { id } = await validated(ClientIdArgument, { id: clientId });
    await this.clients.remove(id);
    console.log(`Deleted client ${id}`);
  }
}
