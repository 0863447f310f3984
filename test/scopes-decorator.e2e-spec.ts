import { CanActivate, Controller, ExecutionContext, Get, INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthenticatedRequest } from '../src/common/authz/principal';
import { Public } from '../src/common/authz/public.decorator';
import { RouteAccessReader } from '../src/common/authz/route-access';
import { expandScopes } from '../src/common/authz/scope-implications';
import { Scope } from '../src/common/authz/scope-table';
import { Scopes } from '../src/common/authz/scopes.decorator';
import { HttpErrorFilter } from '../src/common/http/http-error.filter';
import { ScopesGuard } from '../src/common/authz/scopes.guard';

class PrincipalFromHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const scopes = String(request.headers['x-test-scopes']).split(' ') as Scope[];
    request.user = {
      kind: 'user',
      subject: 'test',
      clientId: 'test',
      scopes,
      effectiveScopes: expandScopes(scopes),
      tokenId: 'test',
      expiresAt: 0,
    };
    return true;
  }
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

/**
 * A controller-level @Scopes adds to each route's own. The principal is put on the request from a
 * test header, standing in for the JWT strategy, so only the decorator and the ScopesGuard run.
 */
describe('@Scopes on a controller and a handler', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [DemoController],
      providers: [
        RouteAccessReader,
        { provide: APP_GUARD, useClass: PrincipalFromHeaderGuard },
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

  it('documents one OpenAPI requirement holding all of them, and none for a public route', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/demo/both'].get!.security).toEqual([
      { oauth2: ['items:read', 'orders:read'] },
    ]);
    expect(document.paths['/demo/class-only'].get!.security).toEqual([{ oauth2: ['items:read'] }]);
    expect(document.paths['/demo/open'].get!.security).toBeUndefined();
  });
});
