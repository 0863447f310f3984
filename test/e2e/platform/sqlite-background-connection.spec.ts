import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../src/common/database/migrations/sqlite';
import { SqliteBackgroundConnection } from '../../../src/common/database/sqlite-background-connection';
import { serializeSqliteAccess } from '../../../src/common/database/sqlite-serialization';

/** Polls `condition` every 50 ms until it holds; fails after `ms`. */
async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !condition(); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
  }
}

/**
 * SQLite's checkpoints and bulk writes off the event loop: the write-ahead log is copied into the
 * database file by a thread of its own, not inside whichever commit crosses SQLite's threshold,
 * and the token purge's statements run on that thread's connection.
 */
describe('SQLite background connection', () => {
  let dir: string;
  let path: string;
  let dataSource: DataSource;
  let background: SqliteBackgroundConnection;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scopegate-checkpoints-'));
    path = join(dir, 'test.db');
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: path,
      enableWAL: true,
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: true,
    }).initialize();
    serializeSqliteAccess(dataSource);
    background = new SqliteBackgroundConnection(dataSource);
  });
  afterEach(async () => {
    await background.onApplicationShutdown();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const pragma = async (name: string) =>
    (await dataSource.query<Array<Record<string, number>>>(`PRAGMA ${name}`))[0][name];
  /** About 8 MB of rows: several thousand pages of log, far over SQLite's own threshold. */
  const writeMany = () =>
    dataSource.query(`WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 20000)
      INSERT INTO "revoked_access_tokens" ("id", "expiresAt")
      SELECT 'revoked-' || n || '-' || hex(randomblob(180)), 1 FROM s`);

  it('copies the write-ahead log into the database file from a thread of its own', async () => {
    await background.onModuleInit();
    expect(await pragma('wal_autocheckpoint')).toBe(0);
    const before = statSync(path).size;

    await writeMany();

    // With checkpoints on commit switched off, only the thread can grow the database file.
    await eventually(() => statSync(path).size > before + 4_000_000);
  });

  it('runs the thread whatever the working directory the server starts in', async () => {
    const cwd = process.cwd();
    // The thread starts (and loads its modules) after the call returns: stay until it works.
    process.chdir(dir);
    try {
      await background.onModuleInit();
      const before = statSync(path).size;

      await writeMany();

      await eventually(() => statSync(path).size > before + 4_000_000);
    } finally {
      process.chdir(cwd);
    }
    // A thread that failed to start would have handed checkpoints back to SQLite.
    expect(await pragma('wal_autocheckpoint')).toBe(0);
  });

  it('runs a write on its own connection, waiting for the server’s transaction without holding it', async () => {
    await background.onModuleInit();
    await writeMany();
    let commit!: () => void;
    let begun!: () => void;
    const open = new Promise<void>((resolve) => (begun = resolve));
    const serverTransaction = dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "revoked_access_tokens" ("id", "expiresAt") VALUES ('kept', 2)`,
      );
      begun();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await open;

    const deleted = background.run(
      'DELETE FROM "revoked_access_tokens" WHERE "expiresAt" <= ?',
      [1],
    );
    let answered = false;
    void deleted.then(() => (answered = true));
    // The server's transaction holds the write lock: the thread waits, this thread goes on.
    await sleep(100);
    expect(answered).toBe(false);
    commit();
    await serverTransaction;

    expect(await deleted).toBe(20000);
    expect(await dataSource.query('SELECT "id" FROM "revoked_access_tokens"')).toEqual([
      { id: 'kept' },
    ]);
  });

  it('gets its turn while the server’s transactions follow each other without pause', async () => {
    await background.onModuleInit();
    await writeMany();
    let stop = false;
    let committed = 0;
    // Requests whose transactions await I/O midway, handing the write lock on to each other.
    const serverWrites = async () => {
      while (!stop) {
        await dataSource.transaction(async (manager) => {
          await manager.query(
            'INSERT INTO "revoked_access_tokens" ("id", "expiresAt") VALUES (?, 2)',
            [`server-${committed++}`],
          );
          await sleep(2);
        });
      }
    };
    const writers = Array.from({ length: 8 }, serverWrites);
    await eventually(() => committed >= 8);

    const deleted = await background.run(
      'DELETE FROM "revoked_access_tokens" WHERE "expiresAt" <= ?',
      [1],
    );
    stop = true;
    await Promise.all(writers);

    expect(deleted).toBe(20000);
  });

  it('does not keep a process open by itself', async () => {
    const module = (name: string) =>
      JSON.stringify(join(__dirname, '..', '..', '..', 'src', 'common', 'database', name));
    const program = `
      const { DataSource } = require('typeorm');
      const { serializeSqliteAccess } = require(${module('sqlite-serialization')});
      const { SqliteBackgroundConnection } = require(${module('sqlite-background-connection')});
      (async () => {
        const dataSource = await new DataSource({
          type: 'better-sqlite3', database: ${JSON.stringify(path)}, enableWAL: true,
        }).initialize();
        serializeSqliteAccess(dataSource);
        await new SqliteBackgroundConnection(dataSource).onModuleInit();
        await dataSource.destroy();
      })();`;
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', program],
      { stdio: 'inherit' },
    );
    const hung = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    clearTimeout(hung);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('answers a failing statement with its error code', async () => {
    await background.onModuleInit();
    await expect(background.run('DELETE FROM "nowhere"', [])).rejects.toMatchObject({
      code: 'SQLITE_ERROR',
    });
    expect(await background.run('DELETE FROM "revoked_access_tokens"', [])).toBe(0);
  });

  it('gives the checkpoints back to SQLite when the thread cannot run', async () => {
    // The thread opens the file by name: moved away, it is not there to open.
    renameSync(path, join(dir, 'moved.db'));
    await background.onModuleInit();
    let restored = 0;
    await eventually(() => {
      void pragma('wal_autocheckpoint').then((pages) => (restored = pages));
      return restored === 1000;
    });
    await eventually(() => !background.available);
    await expect(background.run('DELETE FROM "revoked_access_tokens"', [])).rejects.toThrow(
      'No background SQLite connection',
    );
  });
});
