import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The PostgreSQL advisory lock key of the token purge (any constant no other lock uses). */
export const PURGE_LOCK_KEY = 1_901_904;

/**
 * One purge at a time among the instances that share a database. On PostgreSQL, a session
 * advisory lock: the database drops it if the holder dies, so no instance waits on a crashed one.
 * An SQLite file has one process (and SQLite runs one write at a time anyway); within a process,
 * a purge still running is never started again.
 */
@Injectable()
export class PurgeLock {
  private running = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` if no other purge runs; undefined when one does. */
  async whileHeld<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    this.running = true;
    try {
      return this.dataSource.options.type === 'postgres'
        ? await this.withAdvisoryLock(work)
        : await work();
    } finally {
      this.running = false;
    }
  }

  private async withAdvisoryLock<T>(work: () => Promise<T>): Promise<T | undefined> {
    // A session lock lives on one connection: this runner holds it while the work uses the pool.
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS "locked"', [
        PURGE_LOCK_KEY,
      ])) as Array<{ locked: boolean }>;
      if (!locked) return undefined;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [PURGE_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
