import { HttpException } from '@nestjs/common';
import { isBearerChallenge } from '@scopegate/nest-scopes';
import { NO_STORE, OAuthError } from './oauth-error';
import { REALM } from './realm';
import { RETRY_AFTER_SECONDS } from './service-unavailable';
import { TooManyRequestsException } from './too-many-requests.exception';
import { UserTokenRequiredException } from './user-token-required.exception';

/**
 * The headers of every error answer, decided in this one place for the whole family: OAuth errors
 * (RFC 6749 / 7009 / 7662) are never cached and a client-authentication failure challenges Basic;
 * bearer errors (RFC 6750) challenge Bearer; 429 and 503 say when to come back.
 */
export function errorHeaders(exception: HttpException): Readonly<Record<string, string>> {
  if (exception instanceof OAuthError) {
    return exception.getStatus() === 401
      ? { ...NO_STORE, 'WWW-Authenticate': `Basic realm="${REALM}"` }
      : NO_STORE;
  }
  if (isBearerChallenge(exception)) return exception.responseHeaders;
  if (exception instanceof UserTokenRequiredException) {
    return {
      'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", error_description="A user token is required"`,
    };
  }
  if (exception instanceof TooManyRequestsException) {
    return { 'Retry-After': String(exception.retryAfterSeconds) };
  }
  if (exception.getStatus() === 503) return { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  return {};
}
