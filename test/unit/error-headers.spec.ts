import { BadRequestException } from '@nestjs/common';
import {
  InsufficientScopeException,
  InvalidTokenException,
  MissingTokenException,
} from '@scopegate/nest-scopes';
import { errorHeaders } from '../../src/common/errors/error-headers';
import { invalidGrant, OAuthError } from '../../src/common/errors/oauth-error';
import { TooManyRequestsException } from '../../src/common/errors/too-many-requests.exception';
import { UserTokenRequiredException } from '../../src/common/errors/user-token-required.exception';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Promise: one mapping gives every error of the family its status, body and headers. */
describe('the error family: status, body and headers', () => {
  it('answers an OAuth error with 400, RFC 6749’s body, never cached', () => {
    const error = invalidGrant();
    expect({
      status: error.getStatus(),
      body: error.getResponse(),
      headers: errorHeaders(error),
    }).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The credentials or the grant are invalid or have expired',
      },
      headers: NO_STORE,
    });
  });

  it('answers invalid_client with 401 and a Basic challenge (RFC 6749 section 5.2)', () => {
    const error = new OAuthError('invalid_client', 'Client authentication failed');
    expect({ status: error.getStatus(), headers: errorHeaders(error) }).toEqual({
      status: 401,
      headers: { ...NO_STORE, 'WWW-Authenticate': 'Basic realm="scopegate"' },
    });
  });

  it('challenges Bearer with the realm the guard gave, for each RFC 6750 case', () => {
    expect(errorHeaders(new MissingTokenException('scopegate'))).toEqual({
      'WWW-Authenticate': 'Bearer realm="scopegate"',
    });
    expect(
      errorHeaders(new InvalidTokenException('The access token expired', 'scopegate')),
    ).toEqual({
      'WWW-Authenticate':
        'Bearer realm="scopegate", error="invalid_token", error_description="The access token expired"',
    });
    const forbidden = new InsufficientScopeException(
      ['users:delete', 'admin'],
      ['admin'],
      undefined,
      'scopegate',
    );
    expect({ status: forbidden.getStatus(), headers: errorHeaders(forbidden) }).toEqual({
      status: 403,
      headers: {
        'WWW-Authenticate':
          'Bearer realm="scopegate", error="insufficient_scope", scope="users:delete admin"',
      },
    });
  });

  it('tells a client token on a user-only route that a user token is required', () => {
    const error = new UserTokenRequiredException();
    expect({ status: error.getStatus(), headers: errorHeaders(error) }).toEqual({
      status: 403,
      headers: {
        'WWW-Authenticate':
          'Bearer realm="scopegate", error="insufficient_scope", error_description="A user token is required"',
      },
    });
  });

  it('says when to come back in whole seconds, at least one', () => {
    const later = new TooManyRequestsException('Too many', 12.2);
    expect({
      status: later.getStatus(),
      body: later.getResponse(),
      headers: errorHeaders(later),
    }).toEqual({
      status: 429,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Too many' },
      headers: { 'Retry-After': '13' },
    });
    expect(errorHeaders(new TooManyRequestsException('Too many', 0.01))).toEqual({
      'Retry-After': '1',
    });
  });

  it('adds nothing to an error outside the family', () => {
    expect(errorHeaders(new BadRequestException('limit must not be greater than 100'))).toEqual({});
  });
});
