import { Controller, Get, INestApplication } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as PassportBase } from 'passport';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  JwtAuthGuard,
  Public,
  RouteAccessReader,
  SCOPES_JWT_STRATEGY,
  SCOPES_REALM,
  ScopesGuard,
} from '@scopegate/nest-scopes';
import { Principal } from '../../../src/common/authz/principal';
import { expandScopes } from '../../../src/common/authz/scope-table';
import { Scope } from '../../../src/common/authz/scope-table';
import { Scopes } from '../../../src/common/authz/scope-table';
import { HttpErrorFilter } from '../../../src/common/errors/http-error.filter';

/** Stands in for the JWT strategy: the principal's scopes come from a test header. */
class ScopesHeaderStrategy extends PassportStrategy(
  class extends PassportBase {
    override authenticate(request: { headers: FastifyRequest['headers'] }) {
      const header = request.headers['x-test-scopes'];
      if (typeof header !== 'string') return this.fail(401);
      const scopes = header.split(' ') as Scope[];
      const principal: Principal = {
        kind: 'user',
        subject: 'test',
        issuer: 'test',
        claims: {},
        clientId: 'test',
        scopes,
        effectiveScopes: expandScopes(scopes),
        tokenId: 'test',
        expiresAt: 0,
      };
      this.success(principal);
    }
  },
  SCOPES_JWT_STRATEGY,
) {
  validate() {}
}

@Controller('demo')
@Scopes('items:read')
class DemoController {
  @Get('both')
  @Scopes('orders:read')
  both() {
    return { ok: true };
  }

  @Get('class-only')
  classOnly() {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }
}

@Controller('bare')
class BareController {
  @Get('undecorated')
  undecorated() {
    return { ok: true };
  }
}

/**
 * A controller-level @Scopes adds to each route's own; a route without any decorator still needs
 * an authenticated principal. Only the decorators and the two global guards are under test here.
 */
describe('@Scopes on a controller and a handler', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [DemoController, BareController],
      providers: [
        RouteAccessReader,
        ScopesHeaderStrategy,
        { provide: SCOPES_REALM, useValue: 'scopegate' },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: ScopesGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  });
  afterAll(() => app.close());

  const get = (path: string, scopes: string) =>
    request(app.getHttpServer()).get(path).set('x-test-scopes', scopes);

  it('requires both the controller’s and the handler’s scopes (AND)', async () => {
    expect((await get('/demo/both', 'items:read')).status).toBe(403);
    expect((await get('/demo/both', 'orders:read')).status).toBe(403);
    expect((await get('/demo/both', 'items:read orders:read')).status).toBe(200);
    expect((await get('/demo/both', 'read')).status).toBe(200);
    const refused = await get('/demo/both', 'orders:read');
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="scopegate", error="insufficient_scope", scope="orders:read items:read"',
    );
    expect(refused.body.message).toBe('Missing required scope: items:read');
  });

  it('applies the controller’s scopes to a handler without its own', async () => {
    expect((await get('/demo/class-only', 'orders:read')).status).toBe(403);
    expect((await get('/demo/class-only', 'items:read')).status).toBe(200);
  });

  it('still requires authentication on a route with neither @Scopes nor @Public', async () => {
    const anonymous = await request(app.getHttpServer()).get('/bare/undecorated');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="scopegate"');
    expect((await get('/bare/undecorated', 'items:read')).status).toBe(200);
    expect((await request(app.getHttpServer()).get('/demo/open')).status).toBe(200);
  });

  it('documents one OpenAPI requirement holding all of them, and none for a public route', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/demo/both'].get!.security).toEqual([
      { oauth2: ['items:read', 'orders:read'] },
    ]);
    expect(document.paths['/demo/class-only'].get!.security).toEqual([{ oauth2: ['items:read'] }]);
    expect(document.paths['/demo/open'].get!.security).toBeUndefined();
  });
});
