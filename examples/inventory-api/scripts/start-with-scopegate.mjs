// `npm run example` (from the repository root): scopegate on :3000 and inventory-api on :3001, both
// from their builds. Registers (once) the public client inventory-api's Swagger UI signs in with,
// then opens nothing: visit http://localhost:3001/docs and click Authorize. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const SCOPEGATE = 'http://localhost:3000';
const EXAMPLE_PORT = 3001;
const REDIRECT = `http://localhost:${EXAMPLE_PORT}/docs/oauth2-redirect.html`;
const admin = {
  username: process.env.ADMIN_USERNAME ?? 'admin',
  password: process.env.ADMIN_PASSWORD ?? 'change-me-please',
};
const children = [];

function start(name, script, env) {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', (code) => {
    console.error(`${name} stopped (${code ?? 'signal'})`);
    stop();
  });
  children.push(child);
}

function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = 0;
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

async function until(url) {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/** The public client for Swagger UI's code flow (PKCE), registered once by the admin. */
async function docsClient() {
  const login = await fetch(`${SCOPEGATE}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', ...admin, scope: 'admin' }),
  });
  const { access_token: token } = await login.json();
  if (!token) throw new Error('admin sign-in failed: set ADMIN_USERNAME / ADMIN_PASSWORD');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { data } = await (await fetch(`${SCOPEGATE}/clients?limit=100`, { headers })).json();
  const known = data.find((client) => client.redirectUris.includes(REDIRECT));
  if (known) return known.client_id;
  const created = await fetch(`${SCOPEGATE}/clients`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'inventory-api docs',
      scopes: ['items:read', 'items:write'],
      redirectUris: [REDIRECT],
      public: true,
    }),
  });
  return (await created.json()).client_id;
}

start('scopegate', 'dist/main.js', {
  PORT: '3000',
  ADMIN_USERNAME: admin.username,
  ADMIN_PASSWORD: admin.password,
  CORS_ORIGINS: `http://localhost:${EXAMPLE_PORT}`,
});
await until(`${SCOPEGATE}/health/ready`);
start('inventory-api', 'examples/inventory-api/dist/main.js', {
  PORT: String(EXAMPLE_PORT),
  SCOPEGATE_ISSUER: SCOPEGATE,
  DOCS_CLIENT_ID: await docsClient(),
});
