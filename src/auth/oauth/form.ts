import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from '../../common/validation/hostile-text';
import { OAuthError } from '../../common/errors/oauth-error';

const invalidRequest = (description: string) => new OAuthError('invalid_request', description);

/**
 * A parameter as an error_description may name it: one of `dto`'s by its name, any other as "A
 * parameter". A name the caller made up never comes back (RFC 6749 allows only printable ASCII
 * there, and a made-up name could carry a message to the user).
 */
export function parameterLabel(dto: Type<object>, name: string): string {
  const known = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .some((metadata) => metadata.propertyName === name);
  return known ? `The parameter ${name}` : 'A parameter';
}

/**
 * The form body of an OAuth endpoint as `dto`. Errors speak RFC 6749 (`invalid_request`); unknown
 * parameters are dropped and empty ones count as omitted (section 3.2); a repeated one is refused,
 * and so is hostile text (NUL, lone surrogates) in any of them.
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
  if (repeated !== undefined) throw invalidRequest(`${parameterLabel(dto, repeated)} is repeated`);
  const hostile = findHostileText(fields);
  if (hostile !== undefined) {
    throw invalidRequest(`${parameterLabel(dto, hostile)} ${HOSTILE_TEXT_MESSAGE}`);
  }
  const given = Object.entries(fields).filter(([, value]) => value !== '');
  const params = plainToInstance(dto, Object.fromEntries(given));
  const [problem] = validateSync(params, { whitelist: true });
  if (problem) {
    if (problem.value === undefined) {
      throw invalidRequest(`${parameterLabel(dto, problem.property)} is missing`);
    }
    const message = Object.values(problem.constraints ?? {})[0];
    throw invalidRequest(message ?? `The parameter ${problem.property} is invalid`);
  }
  return params;
}
