import type { FastifyBaseLogger } from 'fastify';

export type AuditEvent =
  | 'token.issued'
  | 'token.refreshed'
  | 'token.refused'
  | 'token.reuse_detected'
  | 'token.revoked'
  | 'token.revocation_refused';

const WARNINGS = new Set<AuditEvent>([
  'token.refused',
  'token.reuse_detected',
  'token.revocation_refused',
]);

/** Who did what with which client and scopes. */
export interface AuditFields {
  readonly grant?: string;
  readonly sub?: string;
  readonly username?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly error?: string;
  readonly kind?: string;
}

/**
 * The security events of one request, one log line each, written through the request's own
 * logger so that each line also names the request (id, address). Passed down explicitly rather
 * than found through async context: on Node 20 one AsyncLocalStorage in use taxes every promise
 * of every request. Never a token, secret or password: callers pass none.
 */
export class AuditTrail {
  constructor(private readonly log: FastifyBaseLogger) {}

  record(event: AuditEvent, fields: AuditFields): void {
    const line = { context: 'audit', audit: event, ...fields };
    if (WARNINGS.has(event)) this.log.warn(line, event);
    else this.log.info(line, event);
  }
}
