import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { isScope } from '../common/authz/scope-table';
import { Page } from '../common/pagination/page.dto';
import { findPage } from '../common/pagination/find-page';
import { PageReads } from '../common/pagination/page-reads';
import { PageCursors } from '../common/pagination/page-cursors';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { canonicalId } from '../common/validation/id';
import { AppConfig, appConfig } from '../config/app.config';
import { ClientEntity } from './client.entity';
import { clientSecretMatches, hashClientSecret, newClientSecret } from './client-secret';
import { CreateClientDto } from './dto/create-client.dto';
import { builtInClients, OAuthClient, PUBLIC_WEB_CLIENT_ID } from './oauth-client';

const toClient = (entity: ClientEntity): OAuthClient => ({
  id: entity.id,
  name: entity.name,
  scopes: entity.scope.split(' ').filter(isScope),
  isPublic: entity.isPublic,
  redirectUris: entity.redirectUris,
});

const CLIENT_COLUMNS = {
  id: true,
  name: true,
  scope: true,
  secretHash: true,
  isPublic: true,
  redirectUris: true,
} as const;

@Injectable()
export class ClientsService {
  private readonly builtIn: ReadonlyMap<string, OAuthClient>;
  private readonly pages: PageReads<ClientEntity>;

  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly cursors: PageCursors,
  ) {
    this.builtIn = builtInClients(config.jwt.issuer);
    this.pages = new PageReads(clients);
  }

  /** The client of requests that name none. */
  get defaultClient(): OAuthClient {
    return this.builtIn.get(PUBLIC_WEB_CLIENT_ID)!;
  }

  /** Registers a client; a confidential one's secret is returned here and never again. */
  async create(dto: CreateClientDto): Promise<{ client: ClientEntity; secret?: string }> {
    const secret = dto.public ? undefined : newClientSecret();
    const client = this.clients.create({
      name: dto.name,
      scope: dto.scopes.join(' '),
      secretHash: secret ? hashClientSecret(secret) : null,
      isPublic: dto.public ?? false,
      redirectUris: dto.redirectUris ?? [],
    });
    await this.clients.insert(client);
    return { client: await this.clients.findOneByOrFail({ id: client.id }), secret };
  }

  list(page: PageQueryDto): Promise<Page<ClientEntity>> {
    return findPage(this.pages, page, { cursors: this.cursors, name: 'clients' });
  }

  async remove(id: string): Promise<void> {
    const result = await this.clients.delete({ id });
    if (!result.affected) throw new NotFoundException('Client not found');
  }

  /** A built-in or registered client (its id in any case), or null. */
  async find(id: string): Promise<OAuthClient | null> {
    const builtIn = this.builtIn.get(id);
    if (builtIn) return builtIn;
    if (!isUUID(id)) return null;
    const entity = await this.clients.findOne({
      where: { id: canonicalId(id) },
      select: CLIENT_COLUMNS,
    });
    return entity ? toClient(entity) : null;
  }

  /** The confidential client these credentials belong to, or null. Constant time in the secret. */
  async authenticate(id: string, secret: string): Promise<OAuthClient | null> {
    const entity = isUUID(id)
      ? await this.clients.findOne({ where: { id: canonicalId(id) }, select: CLIENT_COLUMNS })
      : null;
    return clientSecretMatches(entity?.secretHash, secret) && entity ? toClient(entity) : null;
  }
}
