import { AppConfig } from '../../config/app.config';
import { databaseLocation } from '../database/database-problem';

/**
 * The one line an operator reads at start: the address to open is the issuer's (the one tokens and
 * the code flow's redirects name), then where the server listens and what it runs on.
 */
export function startupSummary(config: AppConfig, host: string, port: number): string {
  const issuer = config.jwt.issuer;
  const redis = config.redis ? 'Redis shared by every instance' : 'no Redis (one instance)';
  return (
    `scopegate is ready at ${issuer} (Swagger UI: ${issuer}/docs); ` +
    `listening on ${host}:${port}; ${databaseLocation(config.database)}; ${redis}`
  );
}
