import { DataSource } from 'typeorm';
import { UserEntity } from '../../../src/users/user.entity';
import { bearer, startApp, TestApp, uniqueName } from '../../support/app';

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let me: { id: string; username: string };
  let myToken: string;

  beforeAll(async () => {
    t = await startApp();
    const root = await t.createUser('admin');
    admin = await t.token(root.username);
    manager = await t.token(root.username, 'users:write users:delete');
    me = await t.createUser('user');
    myToken = await t.token(me.username);
  });
  afterAll(() => t.close());

  const create = (token: string, body: object) =>
    t.http().post('/users').set(bearer(token)).send(body);

  it('GET /users/me returns the caller, without any password hash', async () => {
    const response = await t.http().get('/users/me').set(bearer(myToken));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: me.id,
      username: me.username,
      email: null,
      fullName: null,
      role: 'user',
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.text).not.toMatch(/argon2|password/i);
  });

  it('creates a user (201, role user by default) and never returns the password or its hash', async () => {
    const username = uniqueName('new');
    const response = await create(manager, {
      username,
      password: 'twelve-chars-min',
      email: 'new@example.com',
      fullName: 'New Person',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ username, role: 'user', email: 'new@example.com' });
    expect(response.text).not.toMatch(/twelve-chars-min|argon2|passwordHash/);
    const list = await t.http().get('/users?limit=100').set(bearer(admin));
    expect(list.text).not.toMatch(/argon2|passwordHash/);
    const stored = await t.app
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneOrFail({ where: { id: response.body.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('answers 409 to a username taken in any case', async () => {
    const username = uniqueName('Taken');
    expect((await create(manager, { username, password: 'a-long-password' })).status).toBe(201);
    const again = await create(manager, {
      username: username.toLowerCase(),
      password: 'a-long-password',
    });
    expect(again.status).toBe(409);
  });

  it('validates usernames, passwords, emails and unknown fields, listing every problem', async () => {
    const response = await create(manager, {
      username: 'a b',
      password: 'short',
      email: 'not-an-email',
      isAdmin: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'property isAdmin should not exist',
        'username must be 3-64 letters, digits or ._@-',
        'password must be longer than or equal to 12 characters',
        'email must be an email',
      ]),
    );
    expect((await create(manager, { username: 'ab', password: 'a-long-password' })).status).toBe(
      400,
    );
    expect(
      (await create(manager, { username: 'x'.repeat(65), password: 'a-long-password' })).status,
    ).toBe(400);
    expect(
      (await create(manager, { username: uniqueName('p'), password: 'x'.repeat(129) })).status,
    ).toBe(400);
    expect(
      (await create(manager, { username: uniqueName('n'), password: 12345678901234 })).status,
    ).toBe(400);
  });

  it('needs admin to create any role but user', async () => {
    const refused = await create(manager, {
      username: uniqueName('boss'),
      password: 'a-long-password',
      role: 'editor',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['www-authenticate']).toContain('scope="users:write admin"');
    const created = await create(admin, {
      username: uniqueName('boss'),
      password: 'a-long-password',
      role: 'editor',
    });
    expect(created.status).toBe(201);
    expect(created.body.role).toBe('editor');
  });

  it('patches profile fields with users:write, but role and disabled need admin', async () => {
    const target = await t.createUser('user');
    const renamed = await t
      .http()
      .patch(`/users/${target.id}`)
      .set(bearer(manager))
      .send({ fullName: 'Renamed', email: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body.fullName).toBe('Renamed');
    for (const body of [{ role: 'admin' }, { disabled: true }]) {
      const refused = await t.http().patch(`/users/${target.id}`).set(bearer(manager)).send(body);
      expect(refused.status).toBe(403);
    }
    const promoted = await t
      .http()
      .patch(`/users/${target.id}`)
      .set(bearer(admin))
      .send({ role: 'editor', disabled: true });
    expect(promoted.body).toMatchObject({ role: 'editor', disabled: true });
  });

  it('refuses null for a field that cannot be empty', async () => {
    const target = await t.createUser('user');
    const response = await t
      .http()
      .patch(`/users/${target.id}`)
      .set(bearer(admin))
      .send({ role: null });
    expect(response.status).toBe(400);
  });

  it('deletes (204), after which the user is 404 and cannot sign in', async () => {
    const target = await t.createUser('user');
    expect((await t.http().delete(`/users/${target.id}`).set(bearer(manager))).status).toBe(204);
    expect((await t.http().get(`/users/${target.id}`).set(bearer(admin))).status).toBe(404);
    expect((await t.http().delete(`/users/${target.id}`).set(bearer(manager))).status).toBe(404);
    const login = await t.http().post('/auth/token').type('form').send({
      grant_type: 'password',
      username: target.username,
      password: 'correct-horse-battery',
    });
    expect(login.body.error).toBe('invalid_grant');
  });

  it('answers 400 to a malformed id and 404 to an unknown one', async () => {
    expect((await t.http().get('/users/not-a-uuid').set(bearer(admin))).status).toBe(400);
    const unknown = await t
      .http()
      .get('/users/00000000-0000-4000-8000-000000000000')
      .set(bearer(admin));
    expect(unknown.status).toBe(404);
  });
});
