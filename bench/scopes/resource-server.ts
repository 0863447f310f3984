/**
 * The resource server the key-source benchmark runs twice: the same route and guard library, with
 * the issuer's key held locally (KEY_SOURCE=local, PUBLIC_KEY_PEM) or fetched from its JWKS by
 * discovery (KEY_SOURCE=remote). Request logging on (Fastify's pino logger), as in production.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { defineScopes, IssuerOptions, ScopesModule } from '@scopegate/nest-scopes';
import { createPublicKey } from 'node:crypto';

const SCOPES = defineScopes([{ name: 'items:read', description: 'See items', implies: [] }]);
const { KEY_SOURCE, ISSUER = '', KID = '', PUBLIC_KEY_PEM = '', PORT = '0' } = process.env;

@Controller('items')
class ItemsController {
  @Get()
  @SCOPES.Scopes('items:read')
  list() {
    return { data: [] };
  }
}

const publicKey = KEY_SOURCE === 'local' ? createPublicKey(PUBLIC_KEY_PEM) : undefined;
const issuer: IssuerOptions = {
  issuer: ISSUER,
  audience: 'bench-api',
  typ: 'at+jwt',
  keys: publicKey && {
    algorithms: ['RS256'],
    key: (kid) => (kid === KID ? publicKey : undefined),
  },
};

@Module({
  imports: [ScopesModule.forRoot({ scopes: SCOPES, issuers: [issuer] })],
  controllers: [ItemsController],
})
class BenchModule {}

void (async () => {
  const app = await NestFactory.create(BenchModule, new FastifyAdapter({ logger: true }), {
    logger: ['error'],
  });
  await app.listen(Number(PORT), '127.0.0.1');
})();
