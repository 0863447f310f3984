import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { hasResponseHeaders } from './response-headers';

/** Nest's own error handling, plus the headers an exception asks for (WWW-Authenticate, ...). */
@Catch()
export class HttpErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (hasResponseHeaders(exception)) {
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      reply.headers(exception.responseHeaders);
    }
    super.catch(exception, host);
  }
}
