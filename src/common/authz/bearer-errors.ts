import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { WithResponseHeaders } from '../http/response-headers';

/** RFC 6750 section 3 challenges, as contract section 5 sets them. */
const REALM = 'Bearer realm="scopegate"';

export class MissingTokenException extends UnauthorizedException implements WithResponseHeaders {
  readonly responseHeaders = { 'WWW-Authenticate': REALM };

  constructor() {
    super('An access token is required');
  }
}

export class InvalidTokenException extends UnauthorizedException implements WithResponseHeaders {
  readonly responseHeaders: Record<string, string>;

  constructor(description: string) {
    super(description);
    this.responseHeaders = {
      'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="${description}"`,
    };
  }
}

export class InsufficientScopeException extends ForbiddenException implements WithResponseHeaders {
  readonly responseHeaders: Record<string, string>;

  constructor(required: readonly string[], missing: readonly string[], message?: string) {
    super(message ?? `Missing required scope: ${missing.join(' ')}`);
    this.responseHeaders = {
      'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${required.join(' ')}"`,
    };
  }
}
