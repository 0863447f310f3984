import { PurgeLock } from '../../../src/auth/retention/purge-lock';
import { dataDirs, startApp, TestApp } from '../../support/app';
import { SERVICES } from '../../support/services';

/**
 * Two instances on one PostgreSQL database purge one at a time (an advisory lock); SQLite has one
 * process per file, so this runs with the other multi-instance tests (`npm run test:scale-out`).
 */
describe('the token purge lock across two instances on PostgreSQL', () => {
  const dataDir = dataDirs();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!SERVICES.postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
    const shared = dataDir();
    a = await startApp({ PURGE_INTERVAL: '0' }, { dataDir: shared });
    b = await startApp({ PURGE_INTERVAL: '0', DB_MIGRATE: 'false' }, { dataDir: shared });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('lets one instance purge while the other holds the lock, and again once it is released', async () => {
    let release!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const held = a.app.get(PurgeLock).whileHeld(async () => {
      started();
      await new Promise<void>((resolve) => (release = resolve));
      return 'a';
    });
    await holding;

    expect(await b.app.get(PurgeLock).whileHeld(async () => 'b')).toBeUndefined();
    release();
    expect(await held).toBe('a');
    expect(await b.app.get(PurgeLock).whileHeld(async () => 'b')).toBe('b');
  });
});
