import { ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';

/** The realm of challenges when neither the module nor the thrower names one. */
export const DEFAULT_REALM = 'api';

/**
 * An RFC 6750 section 3 challenge: the exception carries the `WWW-Authenticate` header its answer
 * must have (`responseHeaders`, set by BearerChallengeFilter or any filter that honours it). The
 * bearer guard fills in the module's realm when the thrower named none.
 */
export interface BearerChallenge {
  realm?: string;
  readonly responseHeaders: Readonly<Record<string, string>>;
}

export function isBearerChallenge(value: unknown): value is BearerChallenge & HttpException {
  return (
    value instanceof MissingTokenException ||
    value instanceof InvalidTokenException ||
    value instanceof InsufficientScopeException
  );
}

const challenge = (realm: string | undefined, params = '') => ({
  'WWW-Authenticate': `Bearer realm="${realm ?? DEFAULT_REALM}"${params}`,
});

export class MissingTokenException extends UnauthorizedException implements BearerChallenge {
  constructor(public realm?: string) {
    super('An access token is required');
  }

  get responseHeaders() {
    return challenge(this.realm);
  }
}

export class InvalidTokenException extends UnauthorizedException implements BearerChallenge {
  constructor(
    readonly description: string,
    public realm?: string,
  ) {
    super(description);
  }

  get responseHeaders() {
    return challenge(
      this.realm,
      `, error="invalid_token", error_description="${this.description}"`,
    );
  }
}

export class InsufficientScopeException extends ForbiddenException implements BearerChallenge {
  /** `required`: every scope the route requires; `missing`: those the token lacks. */
  constructor(
    readonly required: readonly string[],
    missing: readonly string[],
    message?: string,
    public realm?: string,
  ) {
    super(message ?? `Missing required scope: ${missing.join(' ')}`);
  }

  get responseHeaders() {
    return challenge(
      this.realm,
      `, error="insufficient_scope", scope="${this.required.join(' ')}"`,
    );
  }
}
