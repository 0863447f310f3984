import helmet from '@fastify/helmet';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { setupOpenApi } from './common/openapi/openapi';

export const BODY_LIMIT_BYTES = 100 * 1024;

/** The application as both `main` and the tests run it. */
export async function createApp(
  options: { logLevels?: LogLevel[] } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), adapter, {
    abortOnError: false,
    logger: options.logLevels,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP on a LAN or in a container, upgrading would break Swagger UI.
        upgradeInsecureRequests: null,
      },
    },
  });
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
