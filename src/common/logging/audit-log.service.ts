import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

export type AuditEvent =
  'token.issued' | 'token.refreshed' | 'token.refused' | 'token.reuse_detected' | 'token.revoked';

/** Who did what with which client and scopes; the line also carries the request (id, address). */
export interface AuditFields {
  readonly grant?: string;
  readonly sub?: string;
  readonly username?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly error?: string;
  readonly kind?: string;
}

/** One log line per security event. Never a token, secret or password: callers pass none. */
@Injectable()
export class AuditLog {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('audit');
  }

  record(event: AuditEvent, fields: AuditFields): void {
    const line = { audit: event, ...fields };
    if (event === 'token.refused' || event === 'token.reuse_detected')
      this.logger.warn(line, event);
    else this.logger.info(line, event);
  }
}
