import { DataSource } from 'typeorm';
import { ClientsService } from '../../../src/clients/clients.service';
import { UserEntity } from '../../../src/users/user.entity';
import { bearer, startApp, TestApp } from '../../support/app';
import { postForm } from '../../support/oauth';

/**
 * Promise: an admin account is taken away (deleted, disabled, demoted) only with `admin`, and never
 * the last enabled admin, however many requests race for it. The weakest tokens that reach the
 * routes are tried: a client's with only users:delete, an admin's narrowed to users:delete.
 */
describe('admin safety', () => {
  let t: TestApp;
  let root: { id: string; username: string };
  let rootToken: string;

  beforeAll(async () => {
    t = await startApp({ THROTTLE_DEFAULT_PER_MINUTE: '0' });
    root = await t.createUser('admin');
    rootToken = await t.token(root.username, 'admin');
  });
  afterAll(() => t.close());

  const users = () => t.app.get(DataSource).getRepository(UserEntity);
  const enabledAdmins = () => users().countBy({ role: 'admin', disabled: false });
  const remove = (token: string, id: string) => t.http().delete(`/users/${id}`).set(bearer(token));
  const patch = (token: string, id: string, body: object) =>
    t.http().patch(`/users/${id}`).set(bearer(token)).send(body);

  /**
   * `count` new admins, with their tokens, and no other enabled admin: the others are disabled
   * straight in the database. (One process runs one app at a time: passport's strategies are
   * global, so a second app would take over the first one's token checks.)
   */
  async function onlyAdmins(
    count: number,
  ): Promise<Array<{ id: string; username: string; token: string }>> {
    await users().update({ role: 'admin' }, { disabled: true });
    const fresh = await Promise.all(Array.from({ length: count }, () => t.createUser('admin')));
    return Promise.all(
      fresh.map(async (admin) => ({ ...admin, token: await t.token(admin.username, 'admin') })),
    );
  }
  const onlyAdmin = async () => (await onlyAdmins(1))[0];

  describe('taking an admin away needs admin', () => {
    it('refuses a client token with users:delete (but not admin) against an admin: 403', async () => {
      const admin = await t.createUser('admin');
      const plain = await t.createUser('user');
      const created = await t.app
        .get(ClientsService)
        .create({ name: 'user-reaper', scopes: ['users:delete'] });
      const issued = await postForm(
        t,
        '/auth/token',
        { grant_type: 'client_credentials' },
        { id: created.client.id, secret: created.secret! },
      );
      const token = issued.body.access_token as string;

      const refused = await remove(token, admin.id);
      expect(refused.status).toBe(403);
      expect(refused.headers['www-authenticate']).toBe(
        'Bearer realm="scopegate", error="insufficient_scope", scope="users:delete admin"',
      );
      expect(refused.body.message).toMatch(/admin/);
      expect(await users().findOneBy({ id: admin.id })).not.toBeNull();

      expect((await remove(token, plain.id)).status).toBe(204);
    });

    it('refuses an admin’s own token narrowed to users:delete or users:write', async () => {
      const admin = await t.createUser('admin');
      const deleter = await t.token(root.username, 'users:delete');
      const writer = await t.token(root.username, 'users:write');
      expect((await remove(deleter, admin.id)).status).toBe(403);
      expect((await patch(writer, admin.id, { disabled: true })).status).toBe(403);
      expect((await patch(writer, admin.id, { role: 'user' })).status).toBe(403);
      expect(await users().findOneBy({ id: admin.id })).toMatchObject({
        role: 'admin',
        disabled: false,
      });
    });
  });

  describe('the last enabled admin stays', () => {
    beforeEach(async () => {
      rootToken = (await onlyAdmin()).token;
    });

    it('cannot be deleted, disabled or demoted (409), even while a disabled admin exists', async () => {
      const { id, username } = await onlyAdmin();
      const dormant = await t.createUser('admin');
      const token = await t.token(username, 'admin');
      expect((await patch(token, dormant.id, { disabled: true })).status).toBe(200);

      const deleted = await remove(token, id);
      expect(deleted.status).toBe(409);
      expect(deleted.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'The last enabled admin cannot be deleted',
      });
      const disabled = await patch(token, id, { disabled: true });
      expect(disabled.status).toBe(409);
      expect(disabled.body.message).toBe('The last enabled admin cannot be disabled');
      const demoted = await patch(token, id, { role: 'editor' });
      expect(demoted.status).toBe(409);
      expect(demoted.body.message).toBe('The last enabled admin cannot be demoted');

      // Still an admin, still working; the disabled admin can go.
      expect((await t.http().get('/users/me').set(bearer(token))).body).toMatchObject({
        role: 'admin',
        disabled: false,
      });
      expect((await remove(token, dormant.id)).status).toBe(204);
    });

    it('lets an admin go while another enabled admin stays', async () => {
      const leaving = await t.createUser('admin');
      expect((await remove(rootToken, leaving.id)).status).toBe(204);
      const demoted = await t.createUser('admin');
      expect((await patch(rootToken, demoted.id, { role: 'user' })).body.role).toBe('user');
    });
  });

  describe('under a concurrent burst', () => {
    const bursts: Array<[string, (token: string, id: string) => PromiseLike<{ status: number }>]> =
      [
        ['delete', (token, id) => remove(token, id)],
        ['disable', (token, id) => patch(token, id, { disabled: true })],
        ['demote', (token, id) => patch(token, id, { role: 'user' })],
      ];

    it.each(bursts)('keeps one when six admins all %s each other at once', async (_name, act) => {
      const everyone = await onlyAdmins(6);
      const answers = await Promise.all(
        everyone.flatMap((actor) => everyone.map((target) => act(actor.token, target.id))),
      );
      expect(answers).toHaveLength(36);
      for (const { status } of answers) expect([200, 204, 401, 404, 409]).toContain(status);
      // The one left cannot take itself away: its own request, at least, was refused.
      expect(answers.filter(({ status }) => status === 409).length).toBeGreaterThanOrEqual(1);
      expect(await enabledAdmins()).toBe(1);
    });

    it('keeps one when the last two delete each other at once, round after round', async () => {
      for (let round = 0; round < 10; round++) {
        const [a, b] = await onlyAdmins(2);
        const answers = await Promise.all([remove(a.token, b.id), remove(b.token, a.id)]);
        const statuses = answers.map(({ status }) => status).sort();
        expect([
          [204, 409],
          [204, 401],
        ]).toContainEqual(statuses);
        expect(await enabledAdmins()).toBe(1);
      }
    });
  });
});
