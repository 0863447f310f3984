import { Writable } from 'node:stream';
import { bearer, PASSWORD, startApp, TestApp } from '../../support/app';
import { postForm, registerClient } from '../../support/oauth';

/** Collects every JSON line the app logs. */
class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }

  get text() {
    return this.lines.join('\n');
  }

  records() {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

describe('logs: structured, with a request id, and never a secret', () => {
  let t: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await startApp({ LOG_LEVEL: 'info' }, { logDestination: logs });
  });
  afterAll(() => t.close());

  it('logs a login, a refresh, failures and client credentials without any credential', async () => {
    const user = await t.createUser('user');
    const admin = await t.createUser('admin');
    const adminToken = await t.token(admin.username);
    const client = await registerClient(t, adminToken, ['items:read']);

    const login = await postForm(t, '/auth/token', {
      grant_type: 'password',
      username: user.username,
      password: PASSWORD,
    });
    const refreshed = await postForm(t, '/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token,
    });
    await postForm(t, '/auth/token', {
      grant_type: 'password',
      username: user.username,
      password: 'a-wrong-password-123',
    });
    const clientToken = await postForm(
      t,
      '/auth/token',
      { grant_type: 'client_credentials' },
      client,
    );
    await t
      .http()
      .get('/items')
      .set(bearer(`${login.body.access_token}x`));
    await t
      .http()
      .get(`/users/me?access_token=${refreshed.body.access_token}`)
      .set(bearer(refreshed.body.access_token));
    await postForm(t, '/auth/revoke', { token: refreshed.body.refresh_token });

    const secrets = [
      PASSWORD,
      'a-wrong-password-123',
      client.secret,
      login.body.access_token,
      login.body.refresh_token,
      refreshed.body.access_token,
      refreshed.body.refresh_token,
      clientToken.body.access_token,
      adminToken,
      Buffer.from(`${client.id}:${client.secret}`).toString('base64'),
    ];
    expect(logs.lines.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(logs.text).not.toContain(secret);
    // No Authorization header (as a field) and no bearer value; route names such as
    // /.well-known/oauth-authorization-server may appear in the start-up lines.
    expect(logs.text).not.toMatch(/argon2id|"authorization"|bearer /i);
  });

  it('writes one JSON line per request with its id, echoed in X-Request-Id', async () => {
    const response = await t.http().get('/health/live').set('X-Request-Id', 'trace-me-123');
    expect(response.headers['x-request-id']).toBe('trace-me-123');
    const line = logs
      .records()
      .find((record) => (record.req as { id?: string })?.id === 'trace-me-123');
    expect(line).toMatchObject({
      req: { method: 'GET', url: '/health/live' },
      res: { statusCode: 200 },
    });
    const generated = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes an audit line for every token issued, refreshed, refused and revoked', () => {
    const audit = logs.records().filter((record) => typeof record.audit === 'string');
    const events = audit.map((record) => record.audit);
    expect(events).toEqual(
      expect.arrayContaining(['token.issued', 'token.refreshed', 'token.refused', 'token.revoked']),
    );
    const issued = audit.find(
      (record) => record.audit === 'token.issued' && record.scope === 'read orders:write',
    );
    expect(issued).toMatchObject({
      sub: expect.any(String),
      clientId: 'scopegate-web',
      scope: 'read orders:write',
    });
    expect((issued!.req as { remoteAddress?: string }).remoteAddress).toEqual(expect.any(String));
    const refused = audit.find((record) => record.audit === 'token.refused');
    expect(refused).toMatchObject({
      error: 'invalid_grant',
      grant: 'password',
      username: expect.any(String),
    });
  });
});
