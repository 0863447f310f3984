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
  return code === 'SQLITE_BUSY' || (driverError?.code ?? undefined) === 'SQLITE_BUSY';
}

/**
 * Runs `attempt` until it does not find the write lock taken, or `timeoutMs` have passed (then
 * the last SQLITE_BUSY is thrown). SQLite's own busy timeout would wait inside the statement, with
 * the event loop held; this waits between attempts, so every other request goes on meanwhile.
 * `attempt` must have done nothing when it fails so: a statement on its own, or a BEGIN.
 */
export async function whileWriteLockTaken<T>(
  attempt: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isWriteLockTaken(error) || performance.now() >= deadline) throw error;
    }
    await pause(RETRY_MS);
  }
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
