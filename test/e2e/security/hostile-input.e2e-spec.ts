import { BadRequestException } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { Writable } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppValidationPipe } from '../../../src/common/validation/app-validation.pipe';
import { ItemsService } from '../../../src/items/items.service';
import { UserEntity } from '../../../src/users/user.entity';
import { bearer, PASSWORD, startApp, TestApp, uniqueName } from '../../support/app';
import { authorizePath, formFields, pkce, registerShopApp } from '../../support/authorize';
import { postForm } from '../../support/oauth';

/** Every JSON line the app logs. */
class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
}

const HOSTILE: Array<[string, string]> = [
  ['a NUL', 'Eve\u0000Mallory'],
  ['a lone high surrogate', 'Eve\uD800'],
  ['a lone low surrogate', '\uDC00Eve'],
];
const CALLBACK = 'https://app.example.com/callback';
const NUL_TEXT = 'Eve\u0000Mallory';

/**
 * Promise: text PostgreSQL cannot store (NUL) or UTF-8 cannot encode (lone surrogates) is refused
 * with 400 wherever it comes in; no database error caused by input answers 500; and no log line
 * holds a query's parameters. Runs on SQLite and, under test:services, on PostgreSQL. (Ids in any
 * case: id-case.e2e-spec.ts.)
 */
describe('hostile bytes', () => {
  let t: TestApp;
  let admin: string;
  let itemId: string;
  let publicClient: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await startApp(
      { LOG_LEVEL: 'info', THROTTLE_DEFAULT_PER_MINUTE: '0' },
      { logDestination: logs },
    );
    const root = await t.createUser('admin');
    admin = await t.token(root.username, 'admin');
    itemId = (await t.app.get(ItemsService).create({ name: 'cup', priceCents: 250, stock: 50 })).id;
    publicClient = await registerShopApp(t, CALLBACK);
  });
  afterAll(() => t.close());

  const json = (method: 'post' | 'patch', path: string, body: object) =>
    t.http()[method](path).set(bearer(admin)).send(body);
  const users = () => t.app.get(DataSource).getRepository(UserEntity);

  describe.each(HOSTILE)('%s is refused with 400', (_name, bad) => {
    it('in every JSON body that stores text', async () => {
      const username = uniqueName('eve');
      const answers = await Promise.all([
        json('post', '/users', { username, password: PASSWORD, fullName: bad }),
        json('post', '/users', { username: `${username}x`, password: `${PASSWORD}${bad}` }),
        json('patch', `/users/${(await t.createUser('user')).id}`, { fullName: bad }),
        json('post', '/items', { name: bad, priceCents: 1, stock: 1 }),
        json('post', '/items', { name: 'mug', description: bad, priceCents: 1, stock: 1 }),
        json('patch', `/items/${itemId}`, { name: bad }),
        json('post', '/clients', { name: bad, scopes: ['read'] }),
        json('post', '/orders', { lines: [{ itemId, quantity: 1 }], [bad]: 1 }),
      ]);
      for (const answer of answers) {
        expect({ status: answer.status, message: answer.body.message }).toEqual({
          status: 400,
          message: expect.stringContaining('NUL character or a lone UTF-16 surrogate'),
        });
      }
      expect(await users().countBy({ username })).toBe(0);
      expect((await t.app.get(ItemsService).findById(itemId)).name).toBe('cup');
    });
  });

  // Forms and query strings are percent-encoded UTF-8, which cannot spell a lone surrogate (the
  // bytes of one decode to U+FFFD): there, NUL is the hostile byte.
  describe('a NUL in a form is refused with 400', () => {
    it('in every form field of the OAuth endpoints, as invalid_request', async () => {
      const forms: Array<Record<string, string>> = [
        { grant_type: 'password', username: NUL_TEXT, password: PASSWORD },
        { grant_type: 'password', username: 'someone', password: NUL_TEXT },
        { grant_type: 'password', username: 'someone', password: PASSWORD, scope: NUL_TEXT },
        { grant_type: 'client_credentials', client_id: NUL_TEXT, client_secret: 'x' },
        { grant_type: 'refresh_token', refresh_token: NUL_TEXT },
        { grant_type: NUL_TEXT },
      ];
      for (const form of forms) {
        const answer = await postForm(t, '/auth/token', form);
        expect({ status: answer.status, error: answer.body.error }).toEqual({
          status: 400,
          error: 'invalid_request',
        });
      }
      for (const path of ['/auth/revoke', '/auth/introspect']) {
        const answer = await postForm(t, path, { token: NUL_TEXT });
        expect(answer.status).toBe(400);
        expect(answer.body.error).toBe('invalid_request');
      }
      // The UTF-8-like bytes of a surrogate half: decoded to something harmless, never a 5xx.
      const halves = await t
        .http()
        .post('/auth/token')
        .type('form')
        .send('grant_type=password&username=%ED%A0%80&password=%ED%B0%80x');
      expect(halves.status).toBe(400);
      expect(halves.body.error).toMatch(/^invalid_(request|grant)$/);
    });

    it('in the sign-in form of the authorization pages, before any password check', async () => {
      const browser = request.agent(t.app.getHttpServer());
      const page = await browser.get(
        authorizePath({
          response_type: 'code',
          client_id: publicClient,
          redirect_uri: CALLBACK,
          state: 's',
          code_challenge: pkce().challenge,
          code_challenge_method: 'S256',
        }),
      );
      expect(page.status).toBe(200);
      for (const fields of [
        { username: NUL_TEXT, password: PASSWORD },
        { username: 'someone', password: NUL_TEXT },
      ]) {
        const answer = await browser
          .post('/auth/authorize/signin')
          .type('form')
          .send({ ...formFields(page.text), ...fields });
        expect(answer.status).toBe(400);
        expect(answer.text).toContain('malformed');
        expect(answer.text).not.toContain('name="password"');
      }
    });
  });

  describe('a NUL in a query string or path parameter that would reach the database', () => {
    it('in the credentials of a password grant sent in the query string, as invalid_request', async () => {
      // passport-local falls back to the query string for an empty body field: that text must never
      // reach a password check or a query (PostgreSQL answered 500).
      for (const query of ['username=a%00b&password=x', 'username=someone&password=a%00b']) {
        for (const body of ['grant_type=password&username=&password=', 'grant_type=password']) {
          const answer = await t.http().post(`/auth/token?${query}`).type('form').send(body);
          expect({ status: answer.status, error: answer.body.error }).toEqual({
            status: 400,
            error: 'invalid_request',
          });
        }
      }
    });

    // No route of the API takes text in its query or path today (ids are UUIDs, pages integers):
    // the global pipe itself must refuse hostile text in any that would, whatever its DTO allows.
    class TextQuery {
      @IsOptional()
      @IsString()
      name?: string;
    }
    const pipe = new AppValidationPipe();

    it.each(HOSTILE)(
      '%s, by the global pipe, in a text query and a text path parameter',
      async (_n, bad) => {
        await expect(
          pipe.transform({ name: 'cup' }, { type: 'query', metatype: TextQuery }),
        ).resolves.toEqual({ name: 'cup' });
        await expect(
          pipe.transform({ name: bad }, { type: 'query', metatype: TextQuery }),
        ).rejects.toBeInstanceOf(BadRequestException);
        await expect(
          pipe.transform({ [bad]: 'cup' }, { type: 'query', metatype: TextQuery }),
        ).rejects.toBeInstanceOf(BadRequestException);
        await expect(
          pipe.transform(bad, { type: 'param', data: 'name', metatype: String }),
        ).rejects.toBeInstanceOf(BadRequestException);
      },
    );

    it('in an id of the path or a number of the query, with 400', async () => {
      for (const path of ['/items?limit=%00', '/items?offset=1%00', '/items/%00', '/users/a%00b']) {
        expect((await t.http().get(path).set(bearer(admin))).status).toBe(400);
      }
    });
  });

  it('refuses property names every object inherits, like any unknown property, nested too', async () => {
    const raw = (path: string, text: string) =>
      t.http().post(path).set(bearer(admin)).set('content-type', 'application/json').send(text);
    for (const name of [
      'toString',
      'hasOwnProperty',
      'valueOf',
      'constructor',
      '__defineGetter__',
    ]) {
      const body = await raw('/items', `{"name":"x","priceCents":1,"stock":1,"${name}":"z"}`);
      expect({ status: body.status, message: body.body.message }).toEqual({
        status: 400,
        message: `property ${name} should not exist`,
      });
      const nested = await raw(
        '/orders',
        `{"lines":[{"itemId":"${itemId}","quantity":1,"${name}":1}]}`,
      );
      expect({ status: nested.status, message: nested.body.message }).toEqual({
        status: 400,
        message: `lines.0.property ${name} should not exist`,
      });
      const query = await t.http().get(`/items?${name}=1`).set(bearer(admin));
      expect(query.status).toBe(400);
    }
    expect((await t.app.get(ItemsService).findById(itemId)).stock).toBe(50);
  });

  it('never logs a query’s parameters or a password hash, even when a query fails', async () => {
    const db = t.app.get(DataSource);
    const username = uniqueName('logged');
    const before = logs.lines.length;
    // The INSERT of a new user then fails: its parameters hold the new password's argon2 hash.
    await db.query('ALTER TABLE "users" RENAME COLUMN "passwordHash" TO "hashAway"');
    try {
      const failed = await json('post', '/users', { username, password: PASSWORD });
      expect(failed.status).toBe(500);
    } finally {
      await db.query('ALTER TABLE "users" RENAME COLUMN "hashAway" TO "passwordHash"');
    }
    const written = logs.lines.slice(before).join('\n');
    // The failure is logged (an operator needs it), without what the query carried.
    expect(written).toMatch(/"level":50/);
    expect(written).not.toContain('$argon2');
    expect(written).not.toContain(username);
    expect(written).not.toContain('parameters');
    expect(written).not.toMatch(/INSERT INTO/i);
  });
});
