import { Mutex, withTimeout } from 'async-mutex';
import { setTimeout as pause } from 'node:timers/promises';
import type { QueryRunner } from 'typeorm';

/** How often a write that found SQLite's write lock taken asks again. */
const RETRY_MS = 2;

type CodedError = { code?: unknown; driverError?: CodedError };

/**
 * SQLite's answer when another connection holds the write lock. Waiting cures it, unlike
 * SQLITE_BUSY_SNAPSHOT (a read snapshot older than another connection's commit), which the
 * transactions here never meet: they take the write lock before they read.
 */
function isWriteLockTaken(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as CodedError;
  return code === 'SQLITE_BUSY' || driverError?.code === 'SQLITE_BUSY';
}

/** Thrown when a write waited its whole timeout; a database timeout, as SQLite's own would be. */
const waitedTooLong = Object.assign(new Error('Waited too long for the SQLite write lock'), {
  code: 'SQLITE_BUSY',
});

/**
 * Runs `attempt` until it does not find the write lock taken, or until `deadline` (from
 * `performance.now()`; then the last SQLITE_BUSY is thrown). SQLite's own busy timeout would wait
 * inside the statement, with the event loop held; this waits between attempts, so every other
 * request goes on meanwhile. `attempt` must have done nothing when it fails so: a statement on its
 * own, or a BEGIN.
 */
export async function whileWriteLockTaken<T>(
  attempt: () => Promise<T>,
  deadline: number,
): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isWriteLockTaken(error) || performance.now() >= deadline) throw error;
    }
    await pause(RETRY_MS);
  }
}

/** Runs an attempt to take SQLite's write lock in its turn among the process's writers. */
export type InWriteTurn = <T>(takeWriteLock: () => Promise<T>) => Promise<T>;

/**
 * One queue for the process's writers: the server's transactions and the background connection's
 * statements. Each holds its turn until it has SQLite's write lock, asking again while another
 * holds it. Without the queue, the server's transactions, which hand the lock on to each other
 * within microseconds, would keep the other connection from ever finding it free.
 */
export function writeTurns(timeoutMs: number): InWriteTurn {
  const turns = withTimeout(new Mutex(), timeoutMs, waitedTooLong);
  return async (takeWriteLock) => {
    const deadline = performance.now() + timeoutMs;
    const release = await turns.acquire();
    try {
      return await whileWriteLockTaken(takeWriteLock, deadline);
    } finally {
      release();
    }
  };
}

const immediate = new WeakSet<QueryRunner>();

/**
 * Makes the runner's transactions take the write lock at BEGIN (BEGIN IMMEDIATE). A deferred
 * transaction that reads, then writes after another connection committed (the token purge's
 * thread, a CLI), fails with SQLITE_BUSY_SNAPSHOT midway; an immediate one waits at BEGIN, where
 * nothing is lost by asking again.
 */
export function beginImmediately(runner: QueryRunner): void {
  if (immediate.has(runner)) return;
  immediate.add(runner);
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: [never, never]) =>
    query(
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql,
      ...rest,
    )) as QueryRunner['query'];
}
