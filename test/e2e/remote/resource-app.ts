import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  defineScopes,
  IssuerOptions,
  RemoteKeyOptions,
  ScopesModule,
} from '@scopegate/nest-scopes';

/** A resource server's own scope table, as a foreign issuer's tokens name its scopes. */
export const INVENTORY_SCOPES = defineScopes([
  { name: 'inventory:read', description: 'See stock', implies: [] },
  { name: 'inventory:write', description: 'Change stock', implies: ['inventory:read'] },
]);
const { Scopes } = INVENTORY_SCOPES;

@Controller('stock')
class StockController {
  @Get()
  @Scopes('inventory:read')
  list() {
    return { items: [] };
  }

  @Post()
  @Scopes('inventory:write')
  change() {
    return { changed: true };
  }
}

/**
 * A Nest app that trusts the given issuers and nothing else, with the library's defaults (global
 * guards, its own challenge filter). One at a time: passport keeps strategies by name, globally.
 */
export async function startResourceApp(
  issuers: IssuerOptions[],
  remoteKeys: RemoteKeyOptions = { fetchesPerMinute: 10 },
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ScopesModule.forRoot({
        scopes: INVENTORY_SCOPES,
        issuers,
        realm: 'inventory',
        clockTolerance: 5,
        remoteKeys,
      }),
    ],
    controllers: [StockController],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter());
  await app.init();
  await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  return app;
}
