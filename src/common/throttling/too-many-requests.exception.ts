import { HttpException, HttpStatus } from '@nestjs/common';
import { WithResponseHeaders } from '../http/response-headers';

/** 429 with the seconds to wait in Retry-After (RFC 6585, RFC 9110 section 10.2.3). */
export class TooManyRequestsException extends HttpException implements WithResponseHeaders {
  readonly responseHeaders: Record<string, string>;

  constructor(message: string, retryAfterSeconds: number) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.responseHeaders = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}
