import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { discoverIssuer, metadataUrls } from '../../../libs/nest-scopes/src/keys/issuer-metadata';

/** Discovery from the issuer URL alone, and the RFC 8414 section 3.3 check of what comes back. */
describe('issuer discovery', () => {
  let server: Server;
  let base: string;
  const documents = new Map<string, object>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const document = documents.get(request.url ?? '');
      response.writeHead(document ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(document ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('puts the well-known path before the issuer’s path (RFC 8414), then tries OpenID’s', () => {
    expect(metadataUrls('https://id.example/realms/shop')).toEqual([
      'https://id.example/.well-known/oauth-authorization-server/realms/shop',
      'https://id.example/realms/shop/.well-known/openid-configuration',
    ]);
  });

  it('uses the first document that names exactly this issuer', async () => {
    const issuer = `${base}/tenant-a`;
    documents.set('/.well-known/oauth-authorization-server/tenant-a', {
      issuer,
      jwks_uri: `${issuer}/keys`,
    });
    expect(await discoverIssuer(issuer, 2000)).toMatchObject({ jwks_uri: `${issuer}/keys` });
  });

  it('refuses a document that names another issuer (an impersonation attempt)', async () => {
    const issuer = `${base}/tenant-b`;
    documents.set('/.well-known/oauth-authorization-server/tenant-b', {
      issuer: 'https://attacker.example',
      jwks_uri: 'https://attacker.example/keys',
    });
    documents.set('/tenant-b/.well-known/openid-configuration', { issuer: `${issuer}/` });
    await expect(discoverIssuer(issuer, 2000)).rejects.toThrow(/No authorization server metadata/);
  });
});
