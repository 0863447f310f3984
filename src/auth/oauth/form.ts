import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from '../../common/validation/hostile-text';
import { OAuthError } from './oauth-error';

const invalidRequest = (description: string) => new OAuthError('invalid_request', description);

/**
 * The form body of an OAuth endpoint as `dto`. Errors speak RFC 6749 (`invalid_request`); unknown
 * parameters are dropped (section 3.2), a repeated one is refused, and so is hostile text (NUL,
 * lone surrogates) in any of them.
 */
export function parseForm<T extends object>(request: FastifyRequest, dto: Type<T>): T {
  const contentType = request.headers['content-type'] ?? '';
  const body = request.body;
  if (
    !/^application\/x-www-form-urlencoded\b/i.test(contentType) ||
    typeof body !== 'object' ||
    !body
  ) {
    throw invalidRequest('The body must be application/x-www-form-urlencoded');
  }
  const fields = body as Record<string, unknown>;
  const repeated = Object.keys(fields).find((key) => Array.isArray(fields[key]));
  if (repeated) throw invalidRequest(`The parameter ${repeated} is repeated`);
  const hostile = findHostileText(fields);
  if (hostile !== undefined) {
    throw invalidRequest(`The parameter ${hostile} ${HOSTILE_TEXT_MESSAGE}`);
  }
  const params = plainToInstance(dto, { ...fields });
  const [problem] = validateSync(params, { whitelist: true });
  if (problem) {
    const message = Object.values(problem.constraints ?? {})[0];
    throw invalidRequest(message ?? `The parameter ${problem.property} is invalid`);
  }
  return params;
}
