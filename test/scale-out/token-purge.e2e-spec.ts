import { Client } from 'pg';
import { PURGE_LOCK_KEY } from '../../src/auth/retention/purge-lock';
import { Replicas, startReplicas } from '../support/replicas';
import { until } from '../support/server-process';

const EXPIRED_ROWS = 2_500;
const SKIPPED = 'Another instance is purging the token tables';

/**
 * The automatic purge on two replicas of one PostgreSQL database: it waits while another holder
 * has the purge lock, then one instance at a time deletes the backlog, in batches, exactly once.
 */
describe('the automatic token purge on two instances', () => {
  let replicas: Replicas;
  let db: Client;

  beforeAll(async () => {
    replicas = await startReplicas({
      PURGE_INTERVAL: '1',
      RETENTION_GRACE: '0',
      LOG_LEVEL: 'debug',
    });
    db = new Client({ connectionString: replicas.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await replicas?.close();
  });

  const rowsLeft = async () =>
    Number((await db.query('SELECT count(*) AS n FROM "revoked_access_tokens"')).rows[0].n);
  const purgedBy = (output: string) =>
    [...output.matchAll(/revoked_access_tokens=(\d+)/g)].reduce((sum, [, n]) => sum + Number(n), 0);

  it('skips its rounds while the lock is held elsewhere, then deletes every expired row once', async () => {
    await db.query('SELECT pg_advisory_lock($1)', [PURGE_LOCK_KEY]);
    await db.query(
      `INSERT INTO "revoked_access_tokens" ("id", "expiresAt")
       SELECT 'expired-' || n, 1 FROM generate_series(1, $1::int) AS n`,
      [EXPIRED_ROWS],
    );
    const seen = { a: replicas.a.output().length, b: replicas.b.output().length };
    await until(
      async () =>
        replicas.a.output().slice(seen.a).includes(SKIPPED) &&
        replicas.b.output().slice(seen.b).includes(SKIPPED),
      'both instances to skip a round',
    );
    expect(await rowsLeft()).toBe(EXPIRED_ROWS);

    await db.query('SELECT pg_advisory_unlock($1)', [PURGE_LOCK_KEY]);
    await until(async () => (await rowsLeft()) === 0, 'the backlog to be purged');
    await until(
      async () => purgedBy(replicas.a.output()) + purgedBy(replicas.b.output()) === EXPIRED_ROWS,
      'the purge to be reported',
    );
  });
});
