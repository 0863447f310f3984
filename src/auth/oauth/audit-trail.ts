import type { FastifyBaseLogger } from 'fastify';
import { tokenRequestsRefused, tokensIssued, tokensRevoked } from '../auth-metrics';

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

/** Each security event also counts in the metrics, under the server's own (bounded) labels. */
function countAuditEvent(event: AuditEvent, fields: AuditFields): void {
  const client = fields.clientId ?? 'none';
  if (event === 'token.issued') tokensIssued.inc({ grant: fields.grant ?? 'unknown', client });
  else if (event === 'token.refreshed') tokensIssued.inc({ grant: 'refresh_token', client });
  else if (event === 'token.refused')
    tokenRequestsRefused.inc({ error: fields.error ?? 'unknown' });
  else if (event === 'token.revoked') tokensRevoked.inc({ kind: fields.kind ?? 'unknown' });
  else if (event === 'token.reuse_detected') tokensRevoked.inc({ kind: 'reused_chain' });
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
    countAuditEvent(event, fields);
    const line = { context: 'audit', audit: event, ...fields };
    if (WARNINGS.has(event)) this.log.warn(line, event);
    else this.log.info(line, event);
  }
}
