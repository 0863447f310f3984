import type { FastifyServerOptions } from 'fastify';
import { LogController } from 'fastify';
import type { IncomingMessage } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import { logStream } from './log-format';
import { errorSummary, REDACT_PATHS, redactUrl } from './log-redaction';

/** The request fields a log line may carry: an allow-list, never headers such as Authorization. */
interface RequestSummary {
  id: string;
  method?: string;
  url?: string;
  remoteAddress?: string;
  userAgent?: string;
}

/** Also what Fastify passes when it logs a request itself (`ip`, `headers`): never copied whole. */
type RequestLike = Partial<RequestSummary> & { ip?: string; headers?: Record<string, unknown> };

function summarize(req: RequestLike): RequestSummary {
  const userAgent = req.userAgent ?? req.headers?.['user-agent'];
  return {
    id: String(req.id),
    method: req.method,
    url: redactUrl(req.url ?? ''),
    remoteAddress: req.remoteAddress ?? req.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}

/**
 * The one pino logger of the application: Fastify logs requests with it, and nestjs-pino's
 * Logger writes through it. Credential-bearing query parameters are redacted from URLs, and the
 * `redact` paths are a second net under the allow-listing serializers.
 */
export function createAppLogger(
  level: string,
  destination: DestinationStream = logStream('json'),
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: summarize,
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
        err: errorSummary,
      },
    },
    destination,
  );
}

/** Every request's logger carries the request, so lines written while serving it name it. */
const requestChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
  raw: IncomingMessage,
) => {
  // The `req` serializer picks the fields; this only names where they are.
  const req: RequestLike = {
    id: String(bindings.reqId),
    method: raw.method,
    url: raw.url,
    ip: raw.socket.remoteAddress,
    headers: raw.headers,
  };
  return logger.child({ req }, options);
};

/** One line per request, when it completes (with its status and time), none when it starts. */
class RequestLogController extends LogController {
  override incomingRequest(): void {}
}

/** The Fastify options that make it log through `logger`, one line per request. */
export function fastifyLogging(
  logger: Logger,
): Pick<FastifyServerOptions, 'loggerInstance' | 'childLoggerFactory' | 'logController'> {
  return {
    loggerInstance: logger,
    childLoggerFactory: requestChildLogger,
    logController: new RequestLogController(),
  };
}
