import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { ErrorDto } from '../http/error.dto';
import { errorExample } from './error-responses';

type MediaType = { schema?: { $ref?: string }; example?: unknown };
type Header = { required?: boolean; $ref?: string; schema?: { pattern?: string } };
type Response = {
  description?: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
};
type Operation = {
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Response>;
};

const header = (description: string) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000 },
});

const ANSWER_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Access-Control-Allow-Origin',
];

/** Methods whose requests Fastify parses a body for: they can answer 413 and 415. */
const BODY_METHODS = ['post', 'put', 'patch', 'delete'];

/** Headers an answer always carries where the document declares them. */
const REQUIRED_HEADERS = ['WWW-Authenticate', 'Location', 'Retry-After'];

const errorResponse = (description: string, status: number, message: string | string[]) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: getSchemaPath(ErrorDto) },
      example: errorExample(status, message),
    },
  },
});

/** What an error of `status` says on this operation, for its example. */
function exampleMessage(status: number, operation: Operation): string | string[] {
  const scopes = operation.security?.find((requirement) => 'oauth2' in requirement)?.oauth2;
  switch (status) {
    case 400:
      return ['limit must not be greater than 100'];
    case 401:
      return 'An access token is required';
    case 403:
      return scopes?.length
        ? `Missing required scope: ${scopes.join(' ')}`
        : 'This route acts for a user; a client token has none';
    case 413:
      return 'Request body is too large';
    case 415:
      return 'Unsupported Media Type: text/plain';
    case 429:
      return 'Too many requests; retry after the number of seconds in Retry-After';
    case 503:
      return 'The database is unavailable; retry shortly';
    default:
      return 'Internal server error';
  }
}

/**
 * What every route can answer, documented once: 400 where there is input to validate, 413 and 415
 * where a body is parsed, the request-limit headers on 2xx, 3xx and 4xx answers (set by the throttler),
 * the CORS header (only for an origin in CORS_ORIGINS), 429 with Retry-After, 500, and 503 with
 * Retry-After while the database or Redis cannot serve or the process sheds load; every JSON
 * error without an example of its own gets one that fits the operation.
 */
export function documentCommonResponses(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.headers = {
    'X-RateLimit-Limit': header('Requests allowed in the current window'),
    'X-RateLimit-Remaining': header('Requests left in the current window'),
    'X-RateLimit-Reset': header('Seconds until the window resets'),
    'Retry-After': { ...header('Seconds to wait before retrying'), required: true },
    'Access-Control-Allow-Origin': {
      description:
        'Sent only when the request’s Origin is one of CORS_ORIGINS (CORS is off by default)',
      schema: { type: 'string', format: 'uri', maxLength: 2048 },
    },
  };
  const retryAfter = { 'Retry-After': { $ref: '#/components/headers/Retry-After' } };
  const answerHeaders = Object.fromEntries(
    ANSWER_HEADERS.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem) as Array<[string, Operation]>) {
      if (!operation?.responses) continue;
      const { responses } = operation;
      if (operation.requestBody || operation.parameters?.length) {
        responses['400'] ??= errorResponse(
          'Invalid input; `message` lists every problem',
          400,
          exampleMessage(400, operation),
        );
      }
      if (BODY_METHODS.includes(method)) {
        responses['413'] ??= errorResponse(
          'The body is over 100 kB',
          413,
          exampleMessage(413, operation),
        );
        responses['415'] ??= errorResponse(
          'The body’s media type is not one this operation reads',
          415,
          exampleMessage(415, operation),
        );
      }
      responses['429'] ??= {
        ...errorResponse(
          'Too many requests; wait for Retry-After seconds',
          429,
          exampleMessage(429, operation),
        ),
        headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      };
      responses['503'] ??= errorResponse(
        'The database or Redis cannot serve, or the server is overloaded: retry after Retry-After seconds',
        503,
        exampleMessage(503, operation),
      );
      responses['500'] ??= errorResponse(
        'Unexpected failure; the body never holds internal details',
        500,
        exampleMessage(500, operation),
      );
      for (const [status, response] of Object.entries(responses)) {
        completeResponse(Number(status), response, operation);
        if (/^([234]|503)/.test(status)) {
          response.headers = { ...answerHeaders, ...response.headers };
        }
        // Every 503 says when to come back (error-headers.ts), readiness's own included.
        if (status === '503') response.headers = { ...response.headers, ...retryAfter };
      }
    }
  }
}

/**
 * Marks the headers always sent as required (a Bearer challenge says so in its pattern), and gives
 * a JSON error its fitting example.
 */
function completeResponse(status: number, response: Response, operation: Operation): void {
  for (const [name, declared] of Object.entries(response.headers ?? {})) {
    if (REQUIRED_HEADERS.includes(name) && !declared.$ref) declared.required = true;
    if (name === 'WWW-Authenticate' && declared.schema && !declared.schema.pattern) {
      declared.schema.pattern = '^Bearer realm="scopegate"';
    }
  }
  const json = response.content?.['application/json'];
  if (json && json.example === undefined && json.schema?.$ref === getSchemaPath(ErrorDto)) {
    json.example = errorExample(status, exampleMessage(status, operation));
  }
}

/**
 * Each protected operation says in its description which scopes it requires: the same list as its
 * security requirement (set by @Scopes), for readers who do not open the lock icon.
 */
export function describeRequiredScopes(document: OpenAPIObject, securityName: string): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      const scopes = operation?.security?.find((requirement) => securityName in requirement)?.[
        securityName
      ];
      if (!scopes) continue;
      const needs = scopes.length
        ? `**Required scopes:** ${scopes.map((scope) => `\`${scope}\``).join(' and ')}`
        : '**Requires:** any valid access token';
      operation.description = operation.description
        ? `${needs}\n\n${operation.description}`
        : needs;
    }
  }
}
