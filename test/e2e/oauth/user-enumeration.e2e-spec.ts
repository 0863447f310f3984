import { performance } from 'node:perf_hooks';
import { UsersService } from '../../../src/users/users.service';
import { PASSWORD, startApp, TestApp } from '../../support/app';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Nothing in the answer to a login, its body or its time, tells whether a username exists. */
describe('no user enumeration on the token endpoint', () => {
  let t: TestApp;
  let known: { id: string; username: string };

  beforeAll(async () => {
    t = await startApp({ THROTTLE_LOGIN_FAILURES: '1000', THROTTLE_TOKEN_PER_MINUTE: '100000' });
    known = await t.createUser('user');
    const disabled = await t.createUser('user', `${known.username}-off`);
    await t.app.get(UsersService).update(disabled.id, { disabled: true });
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string) =>
    t.http().post('/auth/token').type('form').send({ grant_type: 'password', username, password });

  it('gives byte-identical answers for a wrong password, an unknown user and a disabled user', async () => {
    const answers = await Promise.all([
      attempt(known.username, 'not-the-password'),
      attempt('no-such-user', 'not-the-password'),
      attempt(`${known.username}-off`, PASSWORD),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.text).toBe(answers[0].text);
      expect(answer.headers['content-type']).toBe(answers[0].headers['content-type']);
      expect(answer.headers['content-length']).toBe(answers[0].headers['content-length']);
    }
  });

  it('takes the same time for an unknown user as for a wrong password (medians within 25 %)', async () => {
    const unknown: number[] = [];
    const wrongPassword: number[] = [];
    const timed = async (username: string, into: number[]) => {
      const start = performance.now();
      const response = await attempt(username, 'not-the-password');
      into.push(performance.now() - start);
      expect(response.status).toBe(400);
    };
    await timed(known.username, []); // warm-up
    for (let i = 0; i < 30; i++) {
      // Interleaved, so drift in the machine's load affects both series alike.
      await timed(`unknown-${i}`, unknown);
      await timed(known.username, wrongPassword);
    }
    const [a, b] = [median(unknown), median(wrongPassword)];
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThan(0.25);
  });
});
