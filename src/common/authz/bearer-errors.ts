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

/** A client token on a route that acts for a user: no scope would help, so none is named. */
export class UserTokenRequiredException extends ForbiddenException implements WithResponseHeaders {
  static readonly MESSAGE = 'This route acts for a user; a client token has none';
  readonly responseHeaders = {
    'WWW-Authenticate': `${REALM}, error="insufficient_scope", error_description="A user token is required"`,
  };

  constructor() {
    super(UserTokenRequiredException.MESSAGE);
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
