import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppNestLogger } from './app-nest-logger';

/**
 * Structured JSON logs (pino) with a request id. Fastify writes the request lines and gives every
 * request a logger bound to it (app-logger.ts); nestjs-pino routes Nest's Logger through the same
 * pino instance. Its request middleware is left out (`forRoutes` empty): it would bind the
 * request's logger through AsyncLocalStorage, which on Node 20 taxes every promise.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] })],
      providers: [AppNestLogger],
      exports: [AppNestLogger],
    };
  }
}
