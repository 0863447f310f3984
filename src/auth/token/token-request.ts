import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { TokenRequestDto } from '../dto/token-request.dto';
import { OAuthError } from './oauth-error';

export const PUBLIC_WEB_CLIENT_ID = 'scopegate-web';

/** A validated token request: its parameters and the client it comes from. */
export interface TokenRequest {
  readonly params: TokenRequestDto;
  readonly clientId: string;
}

const invalidRequest = (description: string) => new OAuthError('invalid_request', description);

function parseParams(request: FastifyRequest): TokenRequestDto {
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
  if (fields.grant_type === undefined) throw invalidRequest('The parameter grant_type is required');
  const params = plainToInstance(TokenRequestDto, { ...fields });
  const [problem] = validateSync(params, { whitelist: true });
  if (problem)
    throw invalidRequest(Object.values(problem.constraints ?? {})[0] ?? 'Invalid parameter');
  return params;
}

/** Decodes `Authorization: Basic` (RFC 6749 section 2.3.1: both parts form-encoded). */
function basicCredentials(header: string): { id: string; secret: string } {
  const match = /^Basic ([A-Za-z0-9+/]*={0,2})$/i.exec(header.trim());
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'Malformed client authentication');
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'Malformed client authentication');
  }
}

/**
 * No client authentication, or the empty HTTP Basic credentials Swagger UI sends (`Og==`), mean the
 * built-in public client.
 */
function authenticateClient(request: FastifyRequest, params: TokenRequestDto): string {
  const header = request.headers.authorization;
  const basic = header ? basicCredentials(header) : { id: '', secret: '' };
  const named = basic.id || params.client_id || PUBLIC_WEB_CLIENT_ID;
  if (named !== PUBLIC_WEB_CLIENT_ID || basic.secret !== '') {
    throw new OAuthError('invalid_client', 'Client authentication failed');
  }
  return PUBLIC_WEB_CLIENT_ID;
}

const parsed = new WeakMap<FastifyRequest, TokenRequest>();

/** Parses the request once; the guard and the handler both read it. */
export function tokenRequestOf(request: FastifyRequest): TokenRequest {
  let tokenRequest = parsed.get(request);
  if (!tokenRequest) {
    const params = parseParams(request);
    tokenRequest = { params, clientId: authenticateClient(request, params) };
    parsed.set(request, tokenRequest);
  }
  return tokenRequest;
}
