import { Writable } from 'node:stream';
import { createAppLogger } from '../../src/common/logging/app-logger';

describe('the application logger', () => {
  it('redacts credentials wherever the code could put them in a line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createAppLogger('info', sink);
    logger.info(
      {
        password: 'secret-1',
        body: { client_secret: 'secret-2', refresh_token: 'secret-3' },
        query: { access_token: 'secret-4' },
        headers: { authorization: 'Bearer secret-5', cookie: 'sid=secret-6' },
        req: { id: 'r1', url: '/cb?code=secret-7&state=fine' },
      },
      'a line',
    );
    // As Fastify logs a request when its default error handler answers a 5xx.
    logger.error(
      {
        req: {
          id: 'r2',
          method: 'POST',
          url: '/auth/token',
          ip: '10.0.0.1',
          headers: { authorization: 'Basic secret-8', 'user-agent': 'ua' },
          body: { password: 'secret-9' },
          raw: { headers: { cookie: 'sid=secret-10' } },
        },
      },
      'failed',
    );
    const text = lines.join('');
    for (let i = 1; i <= 10; i++) expect(text).not.toContain(`secret-${i}`);
    expect(JSON.parse(lines[1])).toMatchObject({
      req: {
        id: 'r2',
        method: 'POST',
        url: '/auth/token',
        remoteAddress: '10.0.0.1',
        userAgent: 'ua',
      },
    });
    expect(JSON.parse(lines[0])).toMatchObject({
      password: '[redacted]',
      body: { client_secret: '[redacted]' },
      req: { id: 'r1', url: '/cb?code=%5Bredacted%5D&state=fine' },
    });
  });
});
