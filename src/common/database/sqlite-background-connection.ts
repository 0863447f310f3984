import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { sqliteRead } from './sqlite-serialization';

const CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own threshold (pages), back in force when the background checkpoints stop. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The thread's whole program, given as source so that it runs the same from `dist/` and under
 * ts-jest. A checkpoint another checkpoint holds up (the CLI's, say) waits for the next turn.
 */
const CHECKPOINT_THREAD = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.path, { fileMustExist: true });
setInterval(() => {
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') throw error;
  }
}, workerData.intervalMs);
`;

/**
 * Copies the SQLite write-ahead log into the database file from a thread of its own. SQLite would
 * otherwise do it inside whichever commit crosses a thousand pages, on the event loop, and such a
 * checkpoint (an fsync of the database file among them) held every request for up to ~300 ms while
 * the token purge ran here. A passive checkpoint blocks neither readers nor the writer, and only
 * moves what is committed already: a crash in the middle loses nothing. If the thread fails,
 * SQLite's own checkpoints come back.
 */
@Injectable()
export class SqliteCheckpointer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private worker?: Worker;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const onConnection = sqliteRead(this.dataSource);
    const path = this.dataSource.options.database;
    if (!onConnection || typeof path !== 'string' || path === ':memory:') return;
    await onConnection((connection) => connection.pragma('wal_autocheckpoint = 0'));
    const worker = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      // Code run from a string resolves modules from the working directory: the driver by its path.
      workerData: {
        path,
        driver: require.resolve('better-sqlite3'),
        intervalMs: CHECKPOINT_INTERVAL_MS,
      },
    });
    worker.unref();
    worker.once('error', (error: Error & { code?: string }) => {
      this.logger.warn(
        `Background WAL checkpoints stopped (${error.code ?? error.message}); SQLite checkpoints on commit again`,
      );
      this.worker = undefined;
      const restore = async () =>
        onConnection((connection) =>
          connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`),
        );
      // A connection already closed (a shutdown under way) has nothing left to checkpoint.
      restore().catch(() => undefined);
    });
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
