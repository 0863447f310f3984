import { DataSource } from 'typeorm';
import { TokenPurge } from '../../../src/auth/retention/token-purge';
import { bearer, dataDirs, PASSWORD, startApp, TestApp } from '../../support/app';
import { postForm, registerClient, RegisteredClient } from '../../support/oauth';
import { SERVICES } from '../../support/services';

/**
 * Revocations as an operator meets them: the server restarts (a deploy, a crash) while revoked
 * access tokens still have time left. Without Redis they are kept in the database until their
 * `exp`; with Redis, in Redis. Either way a revoked token stays dead after the restart.
 */
const setups = SERVICES.postgresUrl
  ? [
      { name: 'PostgreSQL + Redis', redis: true },
      { name: 'PostgreSQL without Redis', redis: false },
    ]
  : [{ name: 'SQLite', redis: false }];

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describe.each(setups)('revocations survive a restart ($name)', ({ redis }) => {
  const dataDir = dataDirs();
  let dir: string;
  let t: TestApp;
  let username: string;
  let resourceServer: RegisteredClient;

  beforeAll(async () => {
    dir = dataDir();
    t = await startApp({}, { dataDir: dir, redis });
    username = (await t.createUser('user')).username;
    const admin = await t.createUser('admin');
    resourceServer = await registerClient(t, await t.token(admin.username), ['items:read']);
  });
  afterAll(() => t?.close());

  const restart = async () => {
    await t.close();
    t = await startApp({}, { dataDir: dir, redis });
  };
  const login = async (): Promise<Tokens> => {
    const response = await postForm(t, '/auth/token', {
      grant_type: 'password',
      username,
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    return response.body as Tokens;
  };
  const refresh = (token: string) =>
    postForm(t, '/auth/token', { grant_type: 'refresh_token', refresh_token: token });
  const revoke = (token: string) => postForm(t, '/auth/revoke', { token });
  const status = async (access: string) =>
    (await t.http().get('/items').set(bearer(access))).status;
  const active = async (token: string) =>
    ((await postForm(t, '/auth/introspect', { token }, resourceServer)).body as { active: boolean })
      .active;

  it('keeps a revoked access token, a revoked chain and a replayed chain dead across a restart', async () => {
    const revokedAccess = await login();
    expect((await revoke(revokedAccess.access_token)).status).toBe(200);

    const revokedChain = await login();
    const rotated = (await refresh(revokedChain.refresh_token)).body as Tokens;
    expect((await revoke(rotated.refresh_token)).status).toBe(200);

    const replayedChain = await login();
    const next = (await refresh(replayedChain.refresh_token)).body as Tokens;
    expect((await refresh(replayedChain.refresh_token)).body.error).toBe('invalid_grant');

    const alive = await login();
    const dead = [
      revokedAccess.access_token,
      revokedChain.access_token,
      rotated.access_token,
      replayedChain.access_token,
      next.access_token,
    ];
    for (const token of dead) expect(await status(token)).toBe(401);

    await restart();

    for (const token of dead) {
      expect(await status(token)).toBe(401);
      expect(await active(token)).toBe(false);
    }
    for (const token of [rotated.refresh_token, next.refresh_token]) {
      expect((await refresh(token)).body.error).toBe('invalid_grant');
      expect(await active(token)).toBe(false);
    }
    expect(await status(alive.access_token)).toBe(200);
    expect((await refresh(alive.refresh_token)).status).toBe(200);
  });

  if (!redis) {
    it('keeps each revocation in the database until the token expires, then the purge drops it', async () => {
      const { access_token: access } = await login();
      const claims = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString()) as {
        jti: string;
        exp: number;
      };
      const db = t.app.get(DataSource);
      const expired = 'x'.repeat(64);
      await db.query(
        `INSERT INTO "revoked_access_tokens" ("id", "expiresAt") VALUES ('${expired}', 1)`,
      );
      await restart();
      expect((await revoke(access)).status).toBe(200);
      const ids = async () =>
        (
          await t.app
            .get(DataSource)
            .query<{ id: string }[]>('SELECT "id" FROM "revoked_access_tokens"')
        ).map((row) => row.id);
      // A revocation deletes nothing: deleting is the purge's, in bounded batches.
      expect(await ids()).toContain(expired);
      await t.app.get(TokenPurge).purge();

      const rows = await t.app
        .get(DataSource)
        .query<{ id: string; expiresAt: string | number }[]>(
          'SELECT "id", "expiresAt" FROM "revoked_access_tokens"',
        );
      const kept = rows.map((row) => ({ id: row.id, expiresAt: Number(row.expiresAt) }));
      expect(kept).toContainEqual({ id: claims.jti, expiresAt: claims.exp });
      expect(kept.map((row) => row.id)).not.toContain(expired);
    });
  }
});
