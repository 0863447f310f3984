// A foreign OpenID provider for the remote-issuer tests: oidc-provider (ESM, so its own process),
// issuing JWT access tokens (RFC 9068) for resource indicators (RFC 8707) by client credentials.
// Usage: node oidc-provider.mjs PORT JWKS_FILE (private JWKs; the first signs). PORT 0: any free
// port. Prints one JSON line {"issuer": ...} once it listens; stops on SIGTERM.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const [port, jwksFile] = process.argv.slice(2);
const RESOURCES = ['https://inventory.example', 'https://other.example'];
const SCOPE = 'inventory:read inventory:write';

// Each client's tokens carry their scopes the way one family of issuers writes them.
const EXTRA_CLAIMS = {
  'scope-style': {},
  'entra-style': { scp: ['inventory:read', 'inventory:write'] },
  'auth0-style': { permissions: ['inventory:write'] },
  'keycloak-style': { realm_access: { roles: ['inventory:write', 'offline_access'] } },
};

const clients = Object.keys(EXTRA_CLAIMS).map((clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  scope: SCOPE,
}));

const server = createServer();
server.listen(Number(port), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients,
    jwks: JSON.parse(readFileSync(jwksFile, 'utf8')),
    scopes: SCOPE.split(' '),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource) {
          if (!RESOURCES.includes(resource)) throw new errors.InvalidTarget();
          return { scope: SCOPE, audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 300 };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => EXTRA_CLAIMS[token.clientId],
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
