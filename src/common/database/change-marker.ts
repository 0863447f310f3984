import type { Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { sqliteRead } from './sqlite-serialization';

/** A value that differs after any committed change to the database, by anyone. */
export type ChangeMarker = () => string | Promise<string>;

/**
 * On SQLite, the marker is two counters of the shared connection: `total_changes()` (rows this
 * connection has written, rolled back or not) and `data_version` (bumped by every commit of any
 * other connection: the token purge's thread, the CLI, another process). Read on the shared
 * connection like any read, so never inside another request's open transaction. Undefined
 * elsewhere: PostgreSQL has no such marker that a transaction's commit is sure to change.
 */
export function sqliteChangeMarker(dataSource: DataSource): ChangeMarker | undefined {
  const read = sqliteRead(dataSource);
  if (!read) return undefined;
  let statement: Statement | undefined;
  return () =>
    read((connection) => {
      statement ??= connection
        .prepare('SELECT total_changes(), data_version FROM pragma_data_version')
        .raw(true);
      const [[changes, version]] = statement.all() as [[number, number]];
      return `${changes}:${version}`;
    });
}
