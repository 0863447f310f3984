import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpServer,
  Injectable,
  IntrinsicException,
  Logger,
  Optional,
  ServiceUnavailableException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { TypeORMError } from 'typeorm';
import { DatabaseAvailability } from '../database/database-availability';
import { backendErrors } from '../metrics/metrics';
import { errorHeaders } from './error-headers';
import { NO_STORE } from './oauth-error';
import { temporarilyUnavailable } from './service-unavailable';

/**
 * Fastify route config of the OAuth endpoints (RFC 6749 section 5.2): a body the parser refuses
 * there is `invalid_request` in RFC 6749's error object, not the general error shape.
 */
export const OAUTH_ERROR_ROUTE = { oauthErrors: true } as const;

export const isOAuthRoute = (request: FastifyRequest): boolean =>
  'oauthErrors' in ((request.routeOptions?.config as object | undefined) ?? {});

const errorBody = (statusCode: number, message: unknown) => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

/**
 * Nest's own error handling, plus the headers of the error family (errorHeaders), and
 * one error shape, `{statusCode, error, message}`, for every error: Nest gives Fastify's own (a
 * malformed JSON body, 413, 415), the throttler's 429 and unknown failures only
 * `{statusCode, message}`. A database that cannot serve is 503 with Retry-After, not a 500.
 */
@Catch()
@Injectable()
export class HttpErrorFilter extends BaseExceptionFilter {
  /** The context Nest's own filter logs unknown failures under. */
  private static readonly log = new Logger('ExceptionsHandler');

  /** Optional: an app without a database (a guard-layer test) has no database fault to tell. */
  constructor(@Optional() private readonly database?: DatabaseAvailability) {
    super();
  }

  override catch(caught: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const oauthRoute = isOAuthRoute(request);
    // Whatever failed, an OAuth endpoint's answer is never cached (RFC 6749 sections 5.1, 5.2).
    if (oauthRoute) reply.headers(NO_STORE);
    const exception =
      !(caught instanceof HttpException) && this.database?.report(caught)
        ? new ServiceUnavailableException('The database is unavailable; retry shortly')
        : caught;
    if (!(exception instanceof HttpException)) return super.catch(exception, host);
    reply.headers(errorHeaders(exception));
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 400 && oauthRoute && !hasField(response, 'error_description')) {
      const description = 'The request body could not be parsed';
      return this.reply(host, { error: 'invalid_request', error_description: description }, 400);
    }
    if (status === 503 && oauthRoute) {
      return this.reply(host, temporarilyUnavailable(messageOf(response)), 503);
    }
    if (typeof response === 'string') return this.reply(host, errorBody(status, response), status);
    super.catch(exception, host);
  }

  override handleUnknownError(
    exception: unknown,
    host: ArgumentsHost,
    applicationRef: HttpServer,
  ): void {
    const known = this.isHttpError(exception);
    const status = known ? exception.statusCode : 500;
    const message = known ? this.getHttpErrorMessage(exception) : 'Internal server error';
    if (applicationRef.isHeadersSent(host.getArgByIndex(1))) {
      applicationRef.end(host.getArgByIndex(1));
    } else {
      applicationRef.reply(host.getArgByIndex(1), errorBody(status, message), status);
    }
    if (exception instanceof TypeORMError) backendErrors.inc({ backend: 'database' });
    if (!(exception instanceof IntrinsicException)) HttpErrorFilter.log.error(exception);
  }

  private reply(host: ArgumentsHost, body: object, status: number): void {
    super.catch(new HttpException(body, status), host);
  }
}

const hasField = (value: unknown, name: string) =>
  typeof value === 'object' && value !== null && name in value;

const messageOf = (response: string | object): string => {
  const message =
    typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : 'Service unavailable; retry shortly';
};
