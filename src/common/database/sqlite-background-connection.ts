import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { BACKGROUND_THREAD } from './sqlite-background.thread';
import { sqliteRead, sqliteWriteTurn } from './sqlite-serialization';

const CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own threshold (pages), back in force when the background checkpoints stop. */
const AUTOCHECKPOINT_PAGES = 1000;
/** Prepared statements the thread keeps: its callers send a handful. */
const MAX_STATEMENTS = 16;

type Reply = { id: number; changes?: number; error?: { message: string; code?: string } };
type Sent = { resolve: (changes: number) => void; reject: (error: Error) => void };

/**
 * A second connection to the SQLite file, on a thread of its own, for the work that would hold the
 * event loop on the serving connection:
 * - WAL checkpoints. SQLite would otherwise run one inside whichever commit crosses a thousand
 *   pages, with an fsync of the database file, holding every request meanwhile. A passive
 *   checkpoint blocks neither readers nor the writer, and moves only what is committed.
 * - Bulk writes (the token purge's batches): a statement that meets a slow disk waits here, not in
 *   front of every request. It takes its turn among the server's writes (`sqliteWriteTurn`) and
 *   holds it to the end; they wait for it between event-loop turns.
 * If the thread fails, SQLite's own checkpoints come back and `available` turns false.
 */
@Injectable()
export class SqliteBackgroundConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly sent = new Map<number, Sent>();
  private readonly underWay = new Set<Promise<number>>();
  private nextId = 0;
  private worker?: Worker;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether `run` has a thread to run on. */
  get available(): boolean {
    return this.worker !== undefined;
  }

  async onModuleInit(): Promise<void> {
    const onConnection = sqliteRead(this.dataSource);
    const path = this.dataSource.options.database;
    if (!onConnection || typeof path !== 'string' || path === ':memory:') return;
    await onConnection((connection) => connection.pragma('wal_autocheckpoint = 0'));
    const worker = new Worker(BACKGROUND_THREAD, {
      eval: true,
      // Code run from a string resolves modules from the working directory: the driver by its path.
      workerData: {
        path,
        driver: require.resolve('better-sqlite3'),
        intervalMs: CHECKPOINT_INTERVAL_MS,
        maxStatements: MAX_STATEMENTS,
      },
    });
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.once('error', (error: Error & { code?: string }) => {
      this.logger.warn(
        `Background WAL checkpoints stopped (${error.code ?? error.message}); SQLite checkpoints on commit again`,
      );
      const restore = async () =>
        onConnection((connection) =>
          connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`),
        );
      // A connection already closed (a shutdown under way) has nothing left to checkpoint.
      restore().catch(() => undefined);
    });
    worker.once('exit', () => {
      this.worker = undefined;
      const closed = new Error('The background SQLite connection closed');
      for (const { reject } of this.sent.values()) reject(closed);
      this.sent.clear();
    });
    // After the listeners: a 'message' listener would hold the process open again.
    worker.unref();
    this.worker = worker;
  }

  /** Runs a write statement on the thread's connection; resolves with the rows it changed. */
  run(sql: string, parameters: unknown[]): Promise<number> {
    const inWriteTurn = sqliteWriteTurn(this.dataSource);
    const worker = this.worker;
    if (!worker || !inWriteTurn) {
      return Promise.reject(new Error('No background SQLite connection'));
    }
    const changes = inWriteTurn(() => this.send(worker, sql, parameters));
    this.underWay.add(changes);
    const forget = () => this.underWay.delete(changes);
    changes.then(forget, forget);
    return changes;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // A statement under way finishes first: its caller stops too, between two statements.
    await Promise.allSettled(this.underWay);
    await worker?.terminate();
  }

  /** The rows the statement changed; SQLITE_BUSY, having done nothing, if the lock was taken. */
  private send(worker: Worker, sql: string, parameters: unknown[]): Promise<number> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.sent.set(id, { resolve, reject });
      // A statement under way keeps the process open (the CLI has nothing else to wait for).
      worker.ref();
      worker.postMessage({ id, sql, parameters });
    });
  }

  private settle({ id, changes, error }: Reply): void {
    const sent = this.sent.get(id);
    if (!sent) return;
    this.sent.delete(id);
    if (this.sent.size === 0) this.worker?.unref();
    if (error) sent.reject(Object.assign(new Error(error.message), { code: error.code }));
    else sent.resolve(changes ?? 0);
  }
}
