import { ServerProcess } from '../../support/server-process';
import {
  callApi,
  passwordToken,
  postForm,
  REPLICA_ADMIN,
  Replicas,
  startReplicas,
} from '../../support/replicas';

const LIMIT = 4;
const BURST = 40;
const PASSWORD = 'correct-horse-battery';

/**
 * The failed-login limit across two replicas on one Redis: guesses sent all at once and split
 * between the instances are counted as one, before any password is checked.
 */
describe('failed-login limit split across two instances', () => {
  let replicas: Replicas;
  let adminToken: string;

  beforeAll(async () => {
    replicas = await startReplicas({ THROTTLE_LOGIN_FAILURES: String(LIMIT) });
    adminToken = (
      await passwordToken(replicas.a.url, REPLICA_ADMIN.username, REPLICA_ADMIN.password)
    ).access_token;
  });
  afterAll(() => replicas?.close());

  const newUser = async () => {
    const username = `u${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const created = await callApi(replicas.a.url, 'POST', '/users', adminToken, {
      username,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    return username;
  };
  const guess = (server: ServerProcess, username: string, password: string) =>
    postForm(server.url, '/auth/token', { grant_type: 'password', username, password });
  const burst = (username: string, passwordOf: (i: number) => string) =>
    Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const server = i % 2 ? replicas.a : replicas.b;
        return (await guess(server, username, passwordOf(i))).status;
      }),
    );
  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  it(`checks exactly ${LIMIT} of ${BURST} concurrent wrong guesses, whichever instance gets them`, async () => {
    const username = await newUser();
    const statuses = await burst(username, (i) => `wrong-${i}`);
    expect(count(statuses, 400)).toBe(LIMIT);
    expect(count(statuses, 429)).toBe(BURST - LIMIT);
    expect((await guess(replicas.a, username, PASSWORD)).status).toBe(429);
    expect((await guess(replicas.b, username, PASSWORD)).status).toBe(429);
  });

  it('never signs in past the limit when the right password is among them', async () => {
    const username = await newUser();
    const statuses = await burst(username, (i) => (i === BURST - 1 ? PASSWORD : `wrong-${i}`));
    const failures = count(statuses, 400);
    expect(failures).toBeLessThanOrEqual(LIMIT);
    expect(failures).toBeGreaterThanOrEqual(LIMIT - 1);
    expect(count(statuses, 200)).toBeLessThanOrEqual(1);
    expect(count(statuses, 429)).toBe(BURST - failures - count(statuses, 200));
  });
});
