import { ApiResponse } from '@nestjs/swagger';
import { OAuthErrorDto } from '../dto/token-response.dto';
import { OAuthErrorCode } from '../../common/errors/oauth-error';
import { temporarilyUnavailable } from '../../common/errors/service-unavailable';

/** RFC 6749 section 5.2's error object of an OAuth endpoint, with an example that fits it. */
export const ApiOAuthBadRequest = (description: string, error: OAuthErrorCode, text: string) =>
  ApiResponse({
    status: 400,
    description,
    type: OAuthErrorDto,
    example: { error, error_description: text },
  });

/** 401 `invalid_client`, with the Basic challenge RFC 6749 section 5.2 asks for. */
export const ApiInvalidClient = (description: string) =>
  ApiResponse({
    status: 401,
    description,
    type: OAuthErrorDto,
    example: { error: 'invalid_client', error_description: 'Client authentication failed' },
    headers: {
      'WWW-Authenticate': {
        description: 'Basic realm="scopegate"',
        required: true,
        schema: { type: 'string', pattern: '^Basic realm="scopegate"$', maxLength: 256 },
      },
    },
  });

/** 503 while the database or Redis cannot serve, or under overload, as an RFC 6749 error object. */
export const ApiOAuthUnavailable = () =>
  ApiResponse({
    status: 503,
    description: 'temporarily_unavailable: the database or Redis cannot serve, or overload',
    type: OAuthErrorDto,
    example: temporarilyUnavailable('The database is unavailable; retry shortly'),
  });
