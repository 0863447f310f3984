import { DatabaseConfig } from '../../config/app.config';
import { fileProblem } from '../../config/file-problem';

export const MIGRATE_COMMAND =
  'node dist/cli.js migrations:run (npm run cli -- migrations:run in a checkout)';

/** Connection failures worth another try: the server may still be starting. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', '57P03']);

type DriverError = Error & { code?: string; path?: string };

export const isTransientConnectionError = (error: unknown): boolean =>
  TRANSIENT.has((error as DriverError)?.code ?? '');

/** Where the database is, without its password. */
export function databaseLocation(database: DatabaseConfig): string {
  if (database.type === 'sqlite') return `SQLite ${database.path}`;
  const url = new URL(database.url);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/**
 * What a database failure at start-up means and what to do about it, in one line: never the
 * driver's stack, never the URL's password. Undefined for failures it does not recognise.
 */
export function explainDatabaseProblem(
  error: unknown,
  database: DatabaseConfig,
): string | undefined {
  const { code, message = '', path } = (error ?? {}) as DriverError;
  const where = databaseLocation(database);
  if (code === '42P01' || /no such table/.test(message)) {
    return `${where} has no scopegate schema, or an older one: run ${MIGRATE_COMMAND}, or start with DB_MIGRATE=true`;
  }
  if (code === 'SQLITE_CANTOPEN' || /unable to open database file/.test(message)) {
    return `Cannot open ${where}: check that its directory exists and this process (uid ${process.getuid?.()}) may write there`;
  }
  if (path && code && /^E[A-Z]+$/.test(code)) return `Cannot use ${path}: ${fileProblem(error)}`;
  if (isTransientConnectionError(error) || code === 'ENOTFOUND') {
    return `Cannot reach ${where}: ${code}`;
  }
  if (code === '3D000') return `${where} does not exist: create the database first`;
  if (code === '28P01' || code === '28000') return `${where} refused the user or password`;
  return undefined;
}
