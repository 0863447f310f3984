import { HttpException } from '@nestjs/common';
import { WithResponseHeaders } from '../../common/http/response-headers';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** An RFC 6749 section 5.2 error: `{error, error_description}`, never Nest's default body. */
export class OAuthError extends HttpException implements WithResponseHeaders {
  readonly responseHeaders: Record<string, string>;

  constructor(
    readonly error: OAuthErrorCode,
    description: string,
  ) {
    const status = error === 'invalid_client' ? 401 : 400;
    super({ error, error_description: description }, status);
    this.responseHeaders =
      status === 401
        ? { ...NO_STORE, 'WWW-Authenticate': 'Basic realm="scopegate"' }
        : { ...NO_STORE };
  }
}

/** One answer for a wrong password, an unknown or disabled user, and (later) a bad refresh token. */
export const invalidGrant = () =>
  new OAuthError('invalid_grant', 'The credentials or the grant are invalid or have expired');
