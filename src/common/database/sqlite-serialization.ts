import { Mutex, MutexInterface } from 'async-mutex';
import type { Database } from 'better-sqlite3';
import { DataSource, QueryRunner, ReplicationMode, TransactionNotStartedError } from 'typeorm';
import {
  beginImmediately,
  InWriteTurn,
  whileWriteLockTaken,
  writeTurns,
} from './sqlite-write-lock';

/** A read on the shared connection that no open transaction can see into. */
export type SqliteRead = <T>(read: (connection: Database) => T) => T | Promise<T>;

const reads = new WeakMap<DataSource, SqliteRead>();
const turns = new WeakMap<DataSource, InWriteTurn>();

/**
 * For a serialized SQLite data source: runs a read on the connection at once when no transaction
 * holds it, after that transaction otherwise. Undefined for any other data source.
 */
export function sqliteRead(dataSource: DataSource): SqliteRead | undefined {
  return reads.get(dataSource);
}

/** For a serialized SQLite data source: the process's queue of writers (see `writeTurns`). */
export function sqliteWriteTurn(dataSource: DataSource): InWriteTurn | undefined {
  return turns.get(dataSource);
}

/** TypeORM's runner state, which it does not mend when SQLite ends a transaction by itself. */
type RunnerState = { isTransactionActive: boolean; transactionDepth: number };

/**
 * TypeORM's SQLite drivers share one connection and one query runner between every caller. Two
 * transactions in flight at once would nest as savepoints of each other, and a statement from another
 * request issued while a transaction is open would be committed or rolled back with it.
 *
 * This hands every caller its own view of the shared runner: a transaction holds a process-wide lock
 * from BEGIN to COMMIT/ROLLBACK, and any other statement waits for the lock. SQLite allows one writer
 * at a time anyway, so this only orders what the connection would run regardless.
 *
 * Other connections write too (the token purge's thread, the CLI). A write that finds their write
 * lock taken gives the shared connection back and asks again a moment later, for as long as the
 * data source's `timeout`: SQLite's own busy wait would hold the event loop meanwhile.
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const createShared = driver.createQueryRunner.bind(driver);
  const lock = new Mutex();
  const connection = (): Database =>
    (driver as unknown as { databaseConnection: Database }).databaseConnection;
  const waitMs = (dataSource.options as { timeout?: number }).timeout ?? 5000;
  const inWriteTurn = writeTurns(waitMs);
  connection().pragma('busy_timeout = 0');
  reads.set(dataSource, (read) =>
    lock.isLocked() ? lock.runExclusive(() => read(connection())) : read(connection()),
  );
  turns.set(dataSource, inWriteTurn);

  driver.createQueryRunner = (mode: ReplicationMode): QueryRunner => {
    const shared = createShared(mode);
    beginImmediately(shared);
    const state = shared as unknown as RunnerState;
    let release: MutexInterface.Releaser | undefined;

    /**
     * After a failed BEGIN, COMMIT or ROLLBACK, SQLite's own state is the truth: it rolls a
     * transaction back by itself on some errors (a full disk), and TypeORM, whose ROLLBACK then
     * fails, would keep the runner marked active and this view the lock, for good.
     */
    const mendState = () => {
      if (connection().inTransaction) return;
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    };
    const endIfOutermost = () => {
      if (release && shared.isTransactionActive === false) {
        release();
        release = undefined;
      }
    };
    const ending = (end: () => Promise<void>) => async () => {
      // A view whose BEGIN failed has nothing to end, and must not end another caller's transaction.
      if (!release) throw new TransactionNotStartedError();
      try {
        await end();
      } catch (error) {
        mendState();
        throw error;
      } finally {
        endIfOutermost();
      }
    };

    const view: Partial<QueryRunner> = {
      startTransaction: async (isolationLevel) => {
        if (release) return shared.startTransaction(isolationLevel);
        await inWriteTurn(async () => {
          release = await lock.acquire();
          try {
            await shared.startTransaction(isolationLevel);
          } catch (error) {
            if (connection().inTransaction) connection().exec('ROLLBACK');
            mendState();
            endIfOutermost();
            throw error;
          }
        });
      },
      commitTransaction: ending(() => shared.commitTransaction()),
      rollbackTransaction: ending(() => shared.rollbackTransaction()),
      query: ((...args: Parameters<QueryRunner['query']>) =>
        release
          ? shared.query(...args)
          : whileWriteLockTaken(
              () => lock.runExclusive(() => shared.query(...args)),
              performance.now() + waitMs,
            )) as QueryRunner['query'],
    };

    // DataSource.createQueryRunner assigns each runner its own `manager`; keep it on the view, or
    // the next caller's assignment would bind this caller's manager to someone else's view.
    const own = new Map<string | symbol, unknown>();
    return new Proxy(shared, {
      get: (target, property, receiver) => {
        if (property in view) return view[property as keyof QueryRunner];
        if (own.has(property)) return own.get(property);
        return Reflect.get(target, property, receiver) as unknown;
      },
      set: (target, property, value, receiver) => {
        if (property === 'manager') own.set(property, value);
        else Reflect.set(target, property, value, receiver);
        return true;
      },
    });
  };
}
