import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorDto } from '../../common/http/error.dto';
import { errorExample } from '../../common/openapi/error-responses';
import { HTML_PAGE } from '../../common/openapi/patterns';

/** The authorization pages answer a person's browser: HTML, and 303 redirects. */
const HTML = { 'text/html': { schema: { type: 'string', ...HTML_PAGE, maxLength: 1_000_000 } } };

/** A page of scopegate's (sign-in, consent), rendered with `status`. */
export const ApiPage = (status: number, description: string) =>
  ApiResponse({ status, description, content: HTML });

/**
 * A refusal shown as scopegate's error page; a request the HTTP layer cannot parse at all (a
 * malformed query or body) gets the JSON error instead.
 */
export const ApiPageError = (
  status: number,
  description: string,
  jsonMessage: string,
  headers?: Record<string, object>,
) =>
  ApiResponse({
    status,
    description,
    headers,
    content: {
      ...HTML,
      'application/json': {
        schema: { $ref: getSchemaPath(ErrorDto) },
        example: errorExample(status, jsonMessage),
      },
    },
  });

/** A 303 (post/redirect/get) to `Location`. */
export const ApiRedirect = (description: string) =>
  ApiResponse({
    status: 303,
    description,
    headers: {
      Location: {
        description: 'Where the browser goes next',
        required: true,
        schema: { type: 'string', format: 'uri-reference', maxLength: 8192 },
      },
    },
  });
