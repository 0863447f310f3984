import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { sqliteRead } from './sqlite-serialization';

/** Runs one fixed SQL read with positional parameters; each row as its values, in `columns` order. */
export type PreparedRead = (parameters: unknown[]) => unknown[][] | Promise<unknown[][]>;

/** On SQLite, rows as arrays: better-sqlite3 builds an object per row at twice the cost. */
function prepareRaw(connection: Database, sql: string, columns: readonly string[]): Statement {
  const statement = connection.prepare(sql).raw(true);
  const names = statement.columns().map((column) => column.name);
  if (names.join() !== columns.join()) throw new Error(`Columns ${names.join()} of: ${sql}`);
  return statement;
}

/**
 * A read whose SQL is built once, for hot routes: on SQLite a statement prepared on first use and
 * run on the connection directly (behind the lock that keeps reads out of other requests' open
 * transactions), elsewhere a plain query through the data source. `columns`: the select's aliases.
 */
export function preparedRead(
  dataSource: DataSource,
  sql: string,
  columns: readonly string[],
): PreparedRead {
  const read = sqliteRead(dataSource);
  if (!read) {
    return async (parameters) =>
      (await dataSource.query<Record<string, unknown>[]>(sql, parameters)).map((row) =>
        columns.map((column) => row[column]),
      );
  }
  let statement: Statement | undefined;
  return (parameters) =>
    read(
      (connection) =>
        (statement ??= prepareRaw(connection, sql, columns)).all(...parameters) as unknown[][],
    );
}
