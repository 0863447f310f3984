/**
 * The background connection's thread, as source so that it runs the same from `dist/` and under
 * ts-jest. Every second it checkpoints the write-ahead log (one another checkpoint holds up, the
 * CLI's say, waits for the next turn). Between checkpoints it runs the write statements it is sent,
 * one at a time, each in a transaction of its own, and answers with the rows changed or the error
 * met: SQLITE_BUSY at once when another connection holds the write lock (the sender asks again).
 */
export const BACKGROUND_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
const begin = connection.prepare('BEGIN IMMEDIATE');
const commit = connection.prepare('COMMIT');
const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= workerData.maxStatements) statements.clear();
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
};
const fail = (id, error) =>
  parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    begin.run();
  } catch (error) {
    return fail(id, error);
  }
  try {
    const { changes } = prepared(sql).run(...parameters);
    commit.run();
    parentPort.postMessage({ id, changes });
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    fail(id, error);
  }
});
setInterval(() => {
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') throw error;
  }
}, workerData.intervalMs);
`;
