import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import {
  InsufficientScopeException,
  InvalidTokenException,
  MissingTokenException,
} from './bearer-errors';

/**
 * Nest's own error answer, plus the exception's `WWW-Authenticate` challenge. Registered globally
 * by ScopesModule unless the app has a filter of its own that honours `responseHeaders`.
 */
@Catch(MissingTokenException, InvalidTokenException, InsufficientScopeException)
export class BearerChallengeFilter extends BaseExceptionFilter {
  override catch(
    exception: HttpException & { responseHeaders: Record<string, string> },
    host: ArgumentsHost,
  ): void {
    const response = host.switchToHttp().getResponse<object>();
    const adapter = this.httpAdapterHost?.httpAdapter ?? this.applicationRef;
    for (const [name, value] of Object.entries(exception.responseHeaders)) {
      adapter?.setHeader(response, name, value);
    }
    super.catch(exception, host);
  }
}
