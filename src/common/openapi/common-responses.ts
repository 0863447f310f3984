import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { ErrorDto } from '../http/error.dto';

type Operation = {
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; headers?: object }>;
};

const header = (description: string) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000 },
});

const errorBody = () => ({
  'application/json': { schema: { $ref: getSchemaPath(ErrorDto) } },
});

const ANSWER_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Access-Control-Allow-Origin',
];

/**
 * What every route can answer, documented once: 400 where there is input to validate, the
 * request-limit headers on 2xx and 4xx answers
 * (set by the throttler), the CORS header (only for an origin in CORS_ORIGINS), 429 with
 * Retry-After, and 500.
 */
export function documentCommonResponses(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.headers = {
    'X-RateLimit-Limit': header('Requests allowed in the current window'),
    'X-RateLimit-Remaining': header('Requests left in the current window'),
    'X-RateLimit-Reset': header('Seconds until the window resets'),
    'Retry-After': header('Seconds to wait before retrying'),
    'Access-Control-Allow-Origin': {
      description:
        'Sent only when the request’s Origin is one of CORS_ORIGINS (CORS is off by default)',
      schema: { type: 'string', format: 'uri', maxLength: 2048 },
    },
  };
  const answerHeaders = Object.fromEntries(
    ANSWER_HEADERS.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      if (!operation?.responses) continue;
      if (operation.requestBody || operation.parameters?.length) {
        operation.responses['400'] ??= {
          description: 'Invalid input; `message` lists every problem',
          content: errorBody(),
        } as never;
      }
      operation.responses['429'] ??= {
        description: 'Too many requests; wait for Retry-After seconds',
        headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
        content: errorBody(),
      } as never;
      operation.responses['500'] ??= {
        description: 'Unexpected failure; the body never holds internal details',
        content: errorBody(),
      } as never;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[24]/.test(status)) response.headers = { ...answerHeaders, ...response.headers };
      }
    }
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
