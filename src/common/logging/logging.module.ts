import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { AppConfig, appConfig } from '../../config/app.config';
import { AuditLog } from './audit-log.service';
import { REDACT_PATHS, redactUrl } from './log-redaction';
import { requestIdOf } from './request-id';

interface SerializedRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
  headers: Record<string, string | undefined>;
}

/**
 * Structured JSON logs (pino) with a request id. Requests are logged by an allow-list of fields —
 * never headers such as Authorization or Cookie, never bodies — and credential-bearing query
 * parameters are redacted.
 */
@Module({})
export class LoggingModule {
  /** `destination`: where the JSON lines go; standard output when absent. */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) => ({
            pinoHttp: [
              {
                level: config.logLevel,
                // Fastify has set the id (see requestIdOf); pino-http reuses it.
                genReqId: (request: IncomingMessage) =>
                  (request as IncomingMessage & { id?: string }).id ?? requestIdOf(request),
                redact: { paths: REDACT_PATHS, censor: '[redacted]' },
                serializers: {
                  req: (req: SerializedRequest) => ({
                    id: req.id,
                    method: req.method,
                    url: redactUrl(req.url),
                    remoteAddress: req.remoteAddress,
                    userAgent: req.headers['user-agent'],
                  }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
              },
              destination ?? pino.destination(1),
            ],
          }),
        }),
      ],
      providers: [AuditLog],
      exports: [AuditLog],
      global: true,
    };
  }
}
