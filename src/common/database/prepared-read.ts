import type { Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { sqliteRead } from './sqlite-serialization';

/** Runs one fixed SQL read with positional parameters; its rows as the driver returns them. */
export type PreparedRead<R> = (parameters: unknown[]) => R[] | Promise<R[]>;

/**
 * A read whose SQL is built once, for hot routes: on SQLite a statement prepared on first use and
 * run on the connection directly (behind the lock that keeps reads out of other requests' open
 * transactions), elsewhere a plain query through the data source.
 */
export function preparedRead<R>(dataSource: DataSource, sql: string): PreparedRead<R> {
  const read = sqliteRead(dataSource);
  if (!read) return (parameters) => dataSource.query<R[]>(sql, parameters);
  let statement: Statement<unknown[], R> | undefined;
  return (parameters) =>
    read((connection) => (statement ??= connection.prepare(sql)).all(...parameters));
}
