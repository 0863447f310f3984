import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEFAULT_SECURITY_NAME } from '@scopegate/nest-scopes';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { INVENTORY_SCOPES } from './scopes';
import { settingsFrom } from './settings';

async function main() {
  const settings = settingsFrom(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    new FastifyAdapter(),
  );
  const scopes = Object.fromEntries(INVENTORY_SCOPES.table.map((s) => [s.name, s.description]));
  const document = new DocumentBuilder()
    .setTitle('inventory-api')
    .setDescription('Stock levels, protected by access tokens from scopegate.')
    .addOAuth2(
      {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: `${settings.issuer}/auth/authorize`,
            tokenUrl: `${settings.issuer}/auth/token`,
            scopes,
          },
        },
      },
      DEFAULT_SECURITY_NAME,
    )
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    swaggerOptions: {
      persistAuthorization: true,
      initOAuth: { clientId: settings.docsClientId, usePkceWithAuthorizationCodeGrant: true },
    },
  });
  await app.listen(settings.port, '127.0.0.1');
  console.log(
    `inventory-api on http://localhost:${settings.port}/docs, trusting ${settings.issuer}`,
  );
}

void main();
