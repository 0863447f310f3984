import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { expandScopes, isScope } from '../../common/authz/scope-table';
import { OAuthClient } from '../../clients/oauth-client';
import { findHostileText, HOSTILE_TEXT_MESSAGE } from '../../common/validation/hostile-text';
import { parseRedirectUri } from '../../clients/redirect-uri';
import { parameterLabel } from '../oauth/form';
import { AuthorizeQueryDto } from './authorize-request.dto';
import { nowSeconds } from '../../common/time';

/** A validated authorization request, carried (signed) through the sign-in and consent pages. */
export interface PendingAuthorization {
  readonly clientId: string;
  readonly redirectUri: string;
  /** The scopes requested and within the client's reach; absent: the user's role decides. */
  readonly scopes?: string[];
  readonly state?: string;
  readonly codeChallenge: string;
  /** Unix seconds after which the pages refuse it. */
  readonly expiresAt: number;
}

export type AuthorizationCheck =
  /** Client or redirect URI not trustworthy: shown on scopegate's page, never redirected. */
  | { kind: 'refuse'; message: string }
  /** Reported to the client at its (verified) redirect URI. */
  | {
      kind: 'redirect-error';
      redirectUri: string;
      state?: string;
      error: string;
      description: string;
    }
  | { kind: 'ok'; request: PendingAuthorization };

const PENDING_LIFETIME_SECONDS = 600;
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Parses an untrusted form or query into `dto`: unknown fields dropped; invalid ones, or hostile
 * text (NUL, lone surrogates) anywhere → undefined.
 */
export function parseInput<T extends object>(input: unknown, dto: Type<T>): T | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  if (findHostileText(input) !== undefined) return undefined;
  const fields = input as Record<string, unknown>;
  const parsed = plainToInstance(dto, { ...fields });
  return validateSync(parsed, { whitelist: true }).length === 0 ? parsed : undefined;
}

/** The raw query of an authorization request, as Fastify parsed it (a repeated name: an array). */
export type AuthorizationQuery = Record<string, unknown>;

/**
 * A parameter sent once, as text free of hostile characters and within the limits of
 * AuthorizeQueryDto; otherwise undefined.
 */
export function singleParameter(
  query: AuthorizationQuery,
  name: keyof AuthorizeQueryDto,
): string | undefined {
  const value = query[name];
  if (typeof value !== 'string' || findHostileText(value) !== undefined) return undefined;
  return validateSync(plainToInstance(AuthorizeQueryDto, { [name]: value })).length === 0
    ? value
    : undefined;
}

/** Why the request is malformed (for error_description), or undefined when it is not. */
function malformation(query: AuthorizationQuery): string | undefined {
  const hostile = findHostileText(query);
  if (hostile !== undefined) {
    return `${parameterLabel(AuthorizeQueryDto, hostile.split('.')[0])} ${HOSTILE_TEXT_MESSAGE}`;
  }
  // Unknown parameters are ignored (RFC 6749 section 3.1): only the DTO's are validated.
  const [problem] = validateSync(plainToInstance(AuthorizeQueryDto, { ...query }));
  if (!problem) return undefined;
  if (Array.isArray(query[problem.property])) {
    return `The parameter ${problem.property} is repeated`;
  }
  return (
    Object.values(problem.constraints ?? {})[0] ?? `The parameter ${problem.property} is invalid`
  );
}

/**
 * RFC 6749 section 4.1.2.1: the client and the redirect URI are checked first, and their errors are
 * never sent to the redirect URI (exact match only: no prefix, port, path or case variant; and a
 * URI that redirects cannot parse is not trusted either). Every other error, a malformed parameter
 * included, is reported to the client, with `state` when it came once and well-formed. PKCE with
 * S256 is required (RFC 9700 2.1.1).
 */
export function checkAuthorizationRequest(
  rawQuery: AuthorizationQuery,
  client: OAuthClient | null,
): AuthorizationCheck {
  if (!client) return { kind: 'refuse', message: 'This application is not known to scopegate.' };
  const redirectUri = singleParameter(rawQuery, 'redirect_uri');
  if (
    !redirectUri ||
    !client.redirectUris.includes(redirectUri) ||
    !parseRedirectUri(redirectUri)
  ) {
    return {
      kind: 'refuse',
      message: 'This application asked to send you to an address it has not registered.',
    };
  }
  const state = singleParameter(rawQuery, 'state');
  const fail = (error: string, description: string): AuthorizationCheck => ({
    kind: 'redirect-error',
    redirectUri,
    state,
    error,
    description,
  });
  const problem = malformation(rawQuery);
  if (problem !== undefined) return fail('invalid_request', problem);
  const query = plainToInstance(AuthorizeQueryDto, { ...rawQuery });
  if (query.response_type !== 'code') {
    return fail('unsupported_response_type', 'Only response_type=code is supported');
  }
  if (!query.code_challenge)
    return fail('invalid_request', 'PKCE is required: send code_challenge');
  if (query.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  if (!CODE_CHALLENGE.test(query.code_challenge)) {
    return fail('invalid_request', 'code_challenge must be a BASE64URL SHA-256 digest');
  }
  let scopes: string[] | undefined;
  if (query.scope?.trim()) {
    const requested = [...new Set(query.scope.split(' ').filter(Boolean))];
    if (!requested.every(isScope)) return fail('invalid_scope', 'Unknown scope requested');
    const reach = expandScopes(client.scopes);
    scopes = requested.filter((scope) => reach.has(scope));
    if (scopes.length === 0)
      return fail('invalid_scope', 'No requested scope is open to this client');
  }
  return {
    kind: 'ok',
    request: {
      clientId: client.id,
      redirectUri,
      scopes,
      state,
      codeChallenge: query.code_challenge,
      expiresAt: nowSeconds() + PENDING_LIFETIME_SECONDS,
    },
  };
}

/** The redirect that answers the client: `code` or `error`, with `state` and `iss` (RFC 9207). */
export function clientRedirect(
  redirectUri: string,
  issuer: string,
  fields: Record<string, string | undefined>,
): string {
  const url = parseRedirectUri(redirectUri);
  if (!url) throw new Error('Redirect URIs are checked before anything is sent to them');
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  url.searchParams.set('iss', issuer);
  return url.toString();
}

/** The authorization request again, for the redirect after signing in (post/redirect/get). */
export function authorizationQuery(pending: PendingAuthorization): string {
  const fields: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: pending.scopes?.join(' '),
    state: pending.state,
    code_challenge: pending.codeChallenge,
    code_challenge_method: 'S256',
  };
  return new URLSearchParams(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
}
