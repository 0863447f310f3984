import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PURGE_LOCK_KEY } from '../../src/auth/retention/purge-lock';
import { RevokedAccessTokenEntity } from '../../src/auth/revocation/revoked-access-token.entity';
import { databaseOptions } from '../../src/common/database/database-options';
import { nowSeconds } from '../../src/common/time';
import { DatabaseConfig, loadAppConfig } from '../../src/config/app.config';
import { ENTITIES } from '../../src/entities';
import { dataDirs } from '../support/app';
import { SERVICES, servicesEnvironment } from '../support/services';
import { runCli } from './cli';

/** `tokens:purge` as an operator runs it, on each kind of database. */
describe.each(['sqlite', 'postgres'])('scopegate tokens:purge on %s', (kind) => {
  const dataDir = dataDirs();
  let env: Record<string, string>;
  let database: DatabaseConfig;

  beforeAll(async () => {
    const dir = dataDir();
    env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'scopegate.db')}` };
    if (kind === 'postgres') {
      if (!SERVICES.postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
      const url = (await servicesEnvironment(dir, { redis: false })).DATABASE_URL;
      env = { DATA_DIR: dir, DATABASE_URL: url };
    }
    database = loadAppConfig({ ...env, DB_MIGRATE: 'false' }).database;
    expect((await runCli(['migrations:run'], env)).code).toBe(0);
  });

  /** Runs `use` on the same database as the CLI. */
  async function withDatabase<T>(use: (db: DataSource) => Promise<T>): Promise<T> {
    const db = new DataSource({ ...databaseOptions(database), entities: ENTITIES });
    await db.initialize();
    try {
      return await use(db);
    } finally {
      await db.destroy();
    }
  }

  it('deletes the rows expired for longer than RETENTION_GRACE, and says how many', async () => {
    const now = nowSeconds();
    await withDatabase((db) =>
      db.getRepository(RevokedAccessTokenEntity).insert([
        { id: 'gone-1', expiresAt: now - 7_200 },
        { id: 'gone-2', expiresAt: now - 7_200 },
        { id: 'in-grace', expiresAt: now - 60 },
        { id: 'live', expiresAt: now + 600 },
      ]),
    );

    const purged = await runCli(['tokens:purge'], { ...env, RETENTION_GRACE: '3600' });

    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/^revoked_access_tokens\s+2$/m);
    expect(purged.stdout).toMatch(/^refresh_tokens\s+0$/m);
    const left = await withDatabase((db) => db.getRepository(RevokedAccessTokenEntity).find());
    expect(left.map((row) => row.id).sort()).toEqual(['in-grace', 'live']);
  });

  if (kind === 'postgres') {
    it('refuses to purge while another instance holds the purge lock, and says so', async () => {
      const holder = new Client({ connectionString: env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [PURGE_LOCK_KEY]);
        const refused = await runCli(['tokens:purge'], env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('a server is purging the token tables right now');
        await holder.query('SELECT pg_advisory_unlock($1)', [PURGE_LOCK_KEY]);
        expect((await runCli(['tokens:purge'], env)).code).toBe(0);
      } finally {
        await holder.end();
      }
    });
  }
});
