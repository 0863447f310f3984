import { ApiResponse } from '@nestjs/swagger';
import { UserTokenRequiredException } from '../errors/user-token-required.exception';
import { STATUS_CODES } from 'node:http';
import { ErrorDto } from '../http/error.dto';

/** The body scopegate sends with `status` and `message`, as a documentation example. */
export const errorExample = (status: number, message: string | string[]) => ({
  statusCode: status,
  error: STATUS_CODES[status],
  message,
});

/**
 * An error answer of one operation in the one error shape, with an example that fits it (not one
 * generic example under every status).
 */
export const ApiErrorResponse = (status: number, description: string, message: string) =>
  ApiResponse({ status, description, type: ErrorDto, example: errorExample(status, message) });

/**
 * The 403 of an operation that acts for a user, which a client token cannot call. Put it above
 * `@Scopes(...)`, whose generic 403 it replaces.
 */
export const ApiUserTokenRequired = (description: string) =>
  ApiResponse({
    status: 403,
    description,
    type: ErrorDto,
    example: errorExample(403, UserTokenRequiredException.MESSAGE),
    headers: {
      'WWW-Authenticate': {
        description: 'RFC 6750 Bearer challenge with error="insufficient_scope"',
        required: true,
        schema: { type: 'string', pattern: '^Bearer realm="scopegate"', maxLength: 1024 },
      },
    },
  });
