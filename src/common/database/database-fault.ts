/** Why the database could not serve a request; none of these is the caller's fault. */
export const DATABASE_FAULTS = ['unreachable', 'timeout', 'write-refused'] as const;
export type DatabaseFault = (typeof DATABASE_FAULTS)[number];

/** PostgreSQL SQLSTATEs and socket errors that mean the server cannot be reached or used. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'SQLITE_CANTOPEN',
]);

/** statement_timeout, lock_timeout, and SQLite's busy timeout. */
const TIMEOUT_CODES = new Set(['57014', '55P03', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/** node-postgres reports a lost connection and its pool's bounded wait in words only. */
const UNREACHABLE_MESSAGE = /Connection terminated|not queryable/;
const ACQUIRE_TIMEOUT_MESSAGE = /timeout exceeded when trying to connect/;

type DriverError = { code?: unknown; message?: unknown; driverError?: DriverError };

/**
 * What a thrown error says about the database, or undefined when it is not about its availability
 * (a constraint violation, a bug). TypeORM wraps driver errors; both layers are read.
 */
export function databaseFaultOf(error: unknown): DatabaseFault | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code: rawCode, message: rawMessage, driverError } = error as DriverError;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return 'unreachable';
  if (TIMEOUT_CODES.has(code) || code.startsWith('SQLITE_BUSY')) return 'timeout';
  if (ACQUIRE_TIMEOUT_MESSAGE.test(message)) return 'timeout';
  if (/^SQLITE_(FULL|READONLY|IOERR)/.test(code)) return 'write-refused';
  if (UNREACHABLE_MESSAGE.test(message)) return 'unreachable';
  return driverError && driverError !== error ? databaseFaultOf(driverError) : undefined;
}
