import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpServer,
  IntrinsicException,
  Logger,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { TypeORMError } from 'typeorm';
import { backendErrors } from '../metrics/metrics';
import { errorHeaders } from './error-headers';
import { NO_STORE } from './oauth-error';

/**
 * Fastify route config of the OAuth endpoints (RFC 6749 section 5.2): a body the parser refuses
 * there is `invalid_request` in RFC 6749's error object, not the general error shape.
 */
export const OAUTH_ERROR_ROUTE = { oauthErrors: true } as const;

const errorBody = (statusCode: number, message: unknown) => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

/**
 * Nest's own error handling, plus the headers of the error family (errorHeaders), and
 * one error shape, `{statusCode, error, message}`, for every error: Nest gives Fastify's own (a
 * malformed JSON body, 413, 415), the throttler's 429 and unknown failures only
 * `{statusCode, message}`.
 */
@Catch()
export class HttpErrorFilter extends BaseExceptionFilter {
  /** The context Nest's own filter logs unknown failures under. */
  private static readonly log = new Logger('ExceptionsHandler');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const oauthRoute =
      'oauthErrors' in ((request.routeOptions?.config as object | undefined) ?? {});
    // Whatever failed, an OAuth endpoint's answer is never cached (RFC 6749 sections 5.1, 5.2).
    if (oauthRoute) reply.headers(NO_STORE);
    if (!(exception instanceof HttpException)) return super.catch(exception, host);
    reply.headers(errorHeaders(exception));
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 400 && oauthRoute && !hasField(response, 'error_description')) {
      const description = 'The request body could not be parsed';
      return this.reply(host, { error: 'invalid_request', error_description: description }, 400);
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
