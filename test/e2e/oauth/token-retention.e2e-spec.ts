import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthorizationCodeEntity } from '../../../src/auth/authorize/authorization-code.entity';
import { LoginAttemptEntity } from '../../../src/auth/login-throttle/login-attempt.entity';
import { RefreshTokenEntity } from '../../../src/auth/refresh/refresh-token.entity';
import { PurgeLock } from '../../../src/auth/retention/purge-lock';
import { TokenPurge } from '../../../src/auth/retention/token-purge';
import { RevokedAccessTokenEntity } from '../../../src/auth/revocation/revoked-access-token.entity';
import { nowSeconds } from '../../../src/common/time';
import { PASSWORD, startApp, TestApp } from '../../support/app';
import { postForm } from '../../support/oauth';
import { refreshTokenRow } from '../../support/token-rows';

const GRACE = 3_600;
const DAY = 86_400;

/**
 * The purge of the token tables (RETENTION_GRACE): what it deletes, what it keeps, and that a
 * rotated refresh token of a living chain still triggers reuse detection after it.
 */
describe('token retention: the purge', () => {
  let t: TestApp;
  let db: DataSource;
  let username: string;
  let userId: string;

  beforeAll(async () => {
    t = await startApp({ RETENTION_GRACE: String(GRACE), PURGE_INTERVAL: '0' });
    db = t.app.get(DataSource);
    ({ username, id: userId } = await t.createUser('user'));
  });
  afterAll(() => t.close());

  const now = nowSeconds();
  const longGone = now - GRACE - DAY;
  const withinGrace = now - GRACE / 2;
  const later = now + DAY;

  const refreshRow = (familyId: string, expiresAt: number, usedAt: number | null = null) =>
    refreshTokenRow(userId, familyId, expiresAt, usedAt);
  const codeRow = (expiresAt: number) => ({
    codeHash: randomUUID().replace(/-/g, ''),
    clientId: 'scopegate-web',
    redirectUri: 'http://localhost/callback',
    userId,
    tokenVersion: 0,
    scope: 'read',
    codeChallenge: 'c'.repeat(43),
    expiresAt,
    usedAt: null,
    familyId: null,
    createdAt: expiresAt - 60,
  });
  const ids = async <T extends { id: string }>(entity: new () => T) =>
    (await db.getRepository(entity).find()).map((row) => row.id).sort();

  it('deletes rows expired for longer than the grace period, in batches, and keeps the rest', async () => {
    const deadChain = randomUUID();
    const liveChain = randomUUID();
    const recentChain = randomUUID();
    const refresh = db.getRepository(RefreshTokenEntity);
    await refresh.insert([
      refreshRow(deadChain, longGone - DAY, longGone - DAY),
      refreshRow(deadChain, longGone - 10, longGone - 5),
      refreshRow(deadChain, longGone),
      // Rotated long ago, but its chain lives on: reuse detection still needs it.
      refreshRow(liveChain, longGone, longGone),
      refreshRow(liveChain, later),
      refreshRow(recentChain, withinGrace),
    ]);
    const kept = (await refresh.findBy({ familyId: liveChain }))
      .concat(await refresh.findBy({ familyId: recentChain }))
      .map((row) => row.id)
      .sort();
    const codes = db.getRepository(AuthorizationCodeEntity);
    await codes.insert([
      codeRow(longGone),
      codeRow(longGone),
      codeRow(withinGrace),
      codeRow(later),
    ]);
    const keptCodes = (await codes.find())
      .filter((code) => code.expiresAt > longGone)
      .map((code) => code.id)
      .sort();
    await db.getRepository(RevokedAccessTokenEntity).insert([
      { id: 'gone-1', expiresAt: longGone },
      { id: 'gone-2', expiresAt: longGone },
      { id: 'gone-3', expiresAt: longGone },
      { id: 'recent', expiresAt: withinGrace },
      { id: 'live', expiresAt: later },
    ]);
    await db.getRepository(LoginAttemptEntity).insert([
      { pairHash: 'old', attempts: 3, windowEndsAt: longGone * 1000 },
      // An ended window counts nothing: it goes without waiting for the grace.
      { pairHash: 'ended', attempts: 5, windowEndsAt: withinGrace * 1000 },
      { pairHash: 'current', attempts: 1, windowEndsAt: later * 1000 },
    ]);

    const report = await t.app.get(TokenPurge).purge({ batchSize: 2 });

    expect(report).toEqual({
      refresh_tokens: 3,
      authorization_codes: 2,
      revoked_access_tokens: 3,
      login_attempts: 2,
    });
    expect(await ids(RefreshTokenEntity)).toEqual(kept);
    expect(await ids(AuthorizationCodeEntity)).toEqual(keptCodes);
    expect(await ids(RevokedAccessTokenEntity)).toEqual(['live', 'recent']);
    const attempts = await db.getRepository(LoginAttemptEntity).find();
    expect(attempts.map((row) => row.pairHash)).toEqual(['current']);
    expect(await t.app.get(TokenPurge).purge()).toEqual({
      refresh_tokens: 0,
      authorization_codes: 0,
      revoked_access_tokens: 0,
      login_attempts: 0,
    });
  });

  it('keeps a rotated refresh token of a living chain: presenting it after a purge ends the chain', async () => {
    const tokenGrant = (form: Record<string, string>) => postForm(t, '/auth/token', form);
    const first = (await tokenGrant({ grant_type: 'password', username, password: PASSWORD })).body;
    const second = (
      await tokenGrant({ grant_type: 'refresh_token', refresh_token: first.refresh_token })
    ).body;
    expect(second.refresh_token).toEqual(expect.any(String));
    // The rotated token's own expiry passed long ago; the chain's newest token is still valid.
    await db
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ expiresAt: longGone })
      .where('"usedAt" IS NOT NULL AND "userId" = :userId', { userId })
      .execute();

    await t.app.get(TokenPurge).purge();

    const replay = await tokenGrant({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(replay.body.error).toBe('invalid_grant');
    const afterReplay = await tokenGrant({
      grant_type: 'refresh_token',
      refresh_token: second.refresh_token,
    });
    expect(afterReplay.body.error).toBe('invalid_grant');
  });

  it('runs one purge at a time in a process', async () => {
    const lock = t.app.get(PurgeLock);
    let release!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const held = lock.whileHeld(async () => {
      started();
      await new Promise<void>((resolve) => (release = resolve));
      return 'first';
    });
    await holding;
    expect(await lock.whileHeld(async () => 'second')).toBeUndefined();
    release();
    expect(await held).toBe('first');
    expect(await lock.whileHeld(async () => 'third')).toBe('third');
  });
});
