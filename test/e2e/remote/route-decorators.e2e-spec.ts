import { Controller, Get, INestApplication, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { defineScopes, Public, ScopesModule } from '@scopegate/nest-scopes';
import { sign } from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';

const SCOPES = defineScopes([
  { name: 'inventory:read', description: 'See stock', implies: [] },
  { name: 'inventory:write', description: 'Change stock', implies: ['inventory:read'] },
]);
const { Scopes } = SCOPES;
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'https://inventory.example';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const bearer = (scope: string) =>
  `Bearer ${sign({ sub: 'u1', scope }, privateKey, {
    algorithm: 'RS256',
    keyid: 'k1',
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: 300,
  })}`;

/** A generic base controller, mounted under several paths with different class decorators. */
class StockRoutes {
  @Get()
  list() {
    return { items: [] };
  }
}
@Controller('catalog')
@Public()
class CatalogController extends StockRoutes {}
@Controller('private-stock')
class PrivateStockController extends StockRoutes {}

@Controller('mixed')
@Public()
class MixedController {
  @Get('open')
  open() {
    return { open: true };
  }

  @Get('secret')
  @Scopes('inventory:write')
  secret() {
    return { secret: true };
  }
}

async function start(controllers: Type[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ScopesModule.forRoot({
        scopes: SCOPES,
        issuers: [
          {
            issuer: ISSUER,
            audience: AUDIENCE,
            keys: { algorithms: ['RS256'], key: (kid) => (kid === 'k1' ? publicKey : undefined) },
          },
        ],
      }),
    ],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter());
  await app.init();
  await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  return app;
}

describe('route decorators: what the guard enforces is what each controller declares', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each([
    ['the public controller first', ['/catalog', '/private-stock']],
    ['the private controller first', ['/private-stock', '/catalog']],
  ])('an inherited handler is public only where its controller is (%s)', async (_order, paths) => {
    app = await start([CatalogController, PrivateStockController]);
    const statuses: Record<string, number> = {};
    for (const path of paths)
      statuses[path] = (await request(app.getHttpServer()).get(path)).status;
    expect(statuses).toEqual({ '/catalog': 200, '/private-stock': 401 });
  });

  it("a handler's own @Scopes under a @Public() controller needs a token, as the document says", async () => {
    app = await start([MixedController]);
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/mixed/secret'].get?.security).toEqual([
      { oauth2: ['inventory:write'] },
    ]);
    expect(document.paths['/mixed/open'].get?.security).toBeUndefined();
    const server = app.getHttpServer();
    expect((await request(server).get('/mixed/open')).status).toBe(200);
    expect((await request(server).get('/mixed/secret')).status).toBe(401);
    const weaker = await request(server)
      .get('/mixed/secret')
      .set('authorization', bearer('inventory:read'));
    expect(weaker.status).toBe(403);
    const enough = await request(server)
      .get('/mixed/secret')
      .set('authorization', bearer('inventory:write'));
    expect(enough.status).toBe(200);
  });

  it('a class-level @Scopes over an inherited route is refused where the controller is declared', () => {
    const declare = () => {
      @Controller('admin-stock')
      @Scopes('inventory:write')
      class AdminStockController extends StockRoutes {}
      return AdminStockController;
    };
    expect(declare).toThrow(
      /@Scopes on AdminStockController cannot be documented on the route list\(\) it inherits/,
    );
  });

  it('an override in the controller is documented and enforced with the class-level scopes', async () => {
    @Controller('admin-stock')
    @Scopes('inventory:write')
    class AdminStockController extends StockRoutes {
      @Get()
      override list() {
        return super.list();
      }
    }
    app = await start([CatalogController, AdminStockController]);
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/admin-stock'].get?.security).toEqual([{ oauth2: ['inventory:write'] }]);
    expect(document.paths['/catalog'].get?.security).toBeUndefined();
    const server = app.getHttpServer();
    expect((await request(server).get('/catalog')).status).toBe(200);
    const weaker = await request(server)
      .get('/admin-stock')
      .set('authorization', bearer('inventory:read'));
    expect(weaker.status).toBe(403);
  });
});
