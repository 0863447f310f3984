import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpErrorFilter } from '../../common/errors/http-error.filter';
import { AuditTrail } from './audit-trail';
import { OAuthError } from '../../common/errors/oauth-error';

/** A form field fit for an audit line: a short string, never a secret (callers pick the field). */
function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length <= 128 ? value : undefined;
}

/** Every refusal of an OAuth endpoint gets an audit line, then the usual error response. */
@Catch()
export class OAuthAuditFilter extends HttpErrorFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const refused =
      exception instanceof OAuthError ||
      (exception instanceof HttpException &&
        exception.getStatus() === Number(HttpStatus.TOO_MANY_REQUESTS));
    if (refused) {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      const body = request.body;
      new AuditTrail(request.log).record('token.refused', {
        error: exception instanceof OAuthError ? exception.error : 'too_many_requests',
        grant: field(body, 'grant_type'),
        clientId: field(body, 'client_id'),
        username: field(body, 'username'),
      });
    }
    super.catch(exception, host);
  }
}
