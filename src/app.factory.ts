import cookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import handlebars from 'handlebars';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { VIEWS_DIRECTORY } from './auth/authorize/authorize-pages';
import { limitDatabaseSharePerFeature } from './common/database/database-bulkhead';
import { shedOverload } from './common/http/overload-shedding';
import { securityHeaders } from './common/http/security-headers';
import { createAppLogger, fastifyLogging } from './common/logging/app-logger';
import { AppNestLogger } from './common/logging/app-nest-logger';
import { logStream } from './common/logging/log-format';
import { requestIdOf } from './common/logging/request-id';
import { recordHttpMetrics } from './common/metrics/http-metrics';
import { setupOpenApi } from './openapi/openapi-document';
import { loadAppConfig } from './config/app.config';

export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * The application as both `main` and the tests run it. The configuration is validated first, so a
 * bad variable stops everything before any module starts.
 */
export async function createApp(
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const config = loadAppConfig();
  const logger = createAppLogger(
    config.logLevel,
    options.logDestination ?? logStream(config.logFormat),
  );
  const adapter = new FastifyAdapter({
    ...fastifyLogging(logger),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
  });
  const headers = securityHeaders({
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
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('X-Request-Id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    adapter,
    // A failed start is reported once by the caller, not also by Nest in its own format.
    { abortOnError: false, bufferLogs: true, autoFlushLogs: false },
  );
  app.useLogger(app.get(AppNestLogger));
  // Nest buffers what it logs until listen(); an app that is only init()ed (the tests) logs too.
  app.flushLogs();
  await app.register(cookie);
  await shedOverload(app, config.overload);
  // SQLite has one connection and no pool to share out.
  if (config.database.type === 'postgres')
    limitDatabaseSharePerFeature(app, config.database.limits);
  // The sign-in and consent pages: Handlebars escapes every value it inserts.
  app.setViewEngine({ engine: { handlebars }, templates: VIEWS_DIRECTORY, layout: 'layout.hbs' });
  if (config.corsOrigins) app.enableCors({ origin: config.corsOrigins });
  recordHttpMetrics(app);
  setupOpenApi(app);
  return app;
}
