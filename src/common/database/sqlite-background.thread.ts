/**
 * The background connection's thread, as source so that it runs the same from `dist/` and under
 * ts-jest. Every second it checkpoints the write-ahead log (one another checkpoint holds up, the
 * CLI's say, waits for the next turn); between checkpoints it runs the write statements it is
 * sent, one at a time, and answers with the rows they changed or the error they met.
 */
export const BACKGROUND_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.path, {
  fileMustExist: true,
  timeout: workerData.busyTimeoutMs,
});
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= workerData.maxStatements) statements.clear();
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, changes: statement.run(...parameters).changes });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
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
