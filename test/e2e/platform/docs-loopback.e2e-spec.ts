import { startApp, TestApp } from '../../support/app';

/**
 * Swagger UI's code flow returns to the issuer's address: a page opened at another loopback name
 * of the same server is sent there first, so that the popup can hand the code back.
 */
describe('Swagger UI at the issuer address (loopback names)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp({ JWT_ISSUER: 'http://localhost:3000' })));
  afterAll(() => t.close());

  const docsAt = (host: string, path = '/docs') => t.http().get(path).set('Host', host);

  it.each(['127.0.0.1:3000', '[::1]:3000'])(
    'sends a page opened at %s to localhost',
    async (host) => {
      const response = await docsAt(host, '/docs/');
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('http://localhost:3000/docs/');
    },
  );

  it('serves the page at the issuer address, and leaves other names and ports alone', async () => {
    expect((await docsAt('localhost:3000')).status).toBe(200);
    expect((await docsAt('127.0.0.1:3001')).status).toBe(200);
    expect((await docsAt('scopegate.example.com')).status).toBe(200);
    expect((await docsAt('127.0.0.1:3000', '/docs-json')).status).toBe(200);
  });
});
