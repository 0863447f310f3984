import { HttpException } from '@nestjs/common';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

/** Every OAuth endpoint answer, success or error, is never cached (RFC 6749 section 5.1). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** An RFC 6749 section 5.2 error: `{error, error_description}`, never Nest's default body. */
export class OAuthError extends HttpException {
  constructor(
    readonly error: OAuthErrorCode,
    description: string,
  ) {
    super({ error, error_description: description }, error === 'invalid_client' ? 401 : 400);
  }
}

/** One answer for a wrong password, an unknown or disabled user, and a bad code or refresh token. */
export const invalidGrant = () =>
  new OAuthError('invalid_grant', 'The credentials or the grant are invalid or have expired');
