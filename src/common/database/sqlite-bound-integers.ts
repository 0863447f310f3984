import { DataSource, ObjectLiteral } from 'typeorm';

type Escape = (
  sql: string,
  parameters: ObjectLiteral,
  native: ObjectLiteral,
) => [string, unknown[]];

/**
 * TypeORM's SQLite drivers write every number parameter into the SQL text. A statement with a
 * timestamp or an expiry in it is then new text each time: prepared again on every request, and
 * each one pushes a statement that is used on every request out of TypeORM's statement cache (a
 * sign-in prepared several). Bound instead, as the `bigint` better-sqlite3 binds as an INTEGER —
 * what SQLite made of the literal too. Other numbers (fractions, beyond 2^53) stay as TypeORM
 * writes them.
 */
export function bindSqliteIntegers(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: Escape };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, native) => {
    const bound: ObjectLiteral = {};
    for (const [name, value] of Object.entries(parameters ?? {}) as [string, unknown][]) {
      bound[name] =
        typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
    }
    return escape(sql, bound, native);
  };
}
