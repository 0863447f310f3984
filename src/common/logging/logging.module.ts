import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { AppConfig, appConfig } from '../../config/app.config';
import { AuditLog } from './audit-log.service';
import { REDACT_PATHS, redactUrl } from './log-redaction';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a caller's X-Request-Id when it is safe to log, else makes one; echoes it back. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

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
                genReqId: requestId,
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
