import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirs } from '../support/app';
import { freePort } from '../support/listen';
import { ServerProcess, startServer, until } from '../support/server-process';

const ADMIN = { username: 'root', password: 'prometheus-admin-1' };
const installed = spawnSync('prometheus', ['--version']).status === 0;

/**
 * A real Prometheus (Debian's package; CI installs it) scrapes GET /metrics the way the README says:
 * with its own OAuth2 client-credentials configuration against scopegate's token endpoint.
 */
(installed ? describe : describe.skip)(
  `Prometheus scraping scopegate${installed ? '' : ' (skipped: no prometheus binary; apt-get install prometheus)'}`,
  () => {
    const dataDir = dataDirs();
    let server: ServerProcess;
    let prometheus: ChildProcess;
    let work: string;
    let prometheusUrl: string;

    beforeAll(async () => {
      server = await startServer('metrics', await freePort(), {
        DATA_DIR: dataDir(),
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      });
      const admin = await fetch(`${server.url}/auth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', ...ADMIN }),
      });
      const adminToken = ((await admin.json()) as { access_token: string }).access_token;
      const registered = await fetch(`${server.url}/clients`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'prometheus', scopes: ['metrics:read'] }),
      });
      const client = (await registered.json()) as { client_id: string; client_secret: string };

      work = mkdtempSync(join(tmpdir(), 'scopegate-prometheus-'));
      const target = new URL(server.url).host;
      writeFileSync(
        join(work, 'prometheus.yml'),
        [
          'scrape_configs:',
          '  - job_name: scopegate',
          '    scrape_interval: 1s',
          '    metrics_path: /metrics',
          '    oauth2:',
          `      client_id: ${client.client_id}`,
          `      client_secret: ${client.client_secret}`,
          `      token_url: ${server.url}/auth/token`,
          '      scopes: [metrics:read]',
          '    static_configs:',
          `      - targets: ['${target}']`,
          '',
        ].join('\n'),
      );
      const port = await freePort();
      prometheusUrl = `http://127.0.0.1:${port}`;
      prometheus = spawn(
        'prometheus',
        [
          `--config.file=${join(work, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(work, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: 'ignore' },
      );
    });

    afterAll(async () => {
      if (prometheus && prometheus.exitCode === null) {
        prometheus.kill('SIGTERM');
        await once(prometheus, 'exit');
      }
      await server?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const api = async <T>(path: string): Promise<T> =>
      ((await (await fetch(`${prometheusUrl}/api/v1/${path}`)).json()) as { data: T }).data;

    it('gets a token with client credentials and scrapes successfully', async () => {
      type Targets = { activeTargets: Array<{ health: string; lastError: string }> };
      await until(
        async () => (await api<Targets>('targets')).activeTargets[0]?.health === 'up',
        'Prometheus to scrape scopegate',
        60_000,
      );
      type Query = { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      const issued = await api<Query>(
        `query?query=${encodeURIComponent('scopegate_tokens_issued_total{grant="client_credentials"}')}`,
      );
      expect(issued.result.length).toBeGreaterThan(0);
      expect(Number(issued.result[0].value[1])).toBeGreaterThanOrEqual(1);
      // A scrape is counted once answered: the next scrape carries it.
      const scrapes = encodeURIComponent(
        'scopegate_http_request_duration_seconds_count{route="/metrics",status="200"}',
      );
      await until(
        async () => (await api<Query>(`query?query=${scrapes}`)).result.length === 1,
        'the scrapes to show in the request metrics',
        30_000,
      );
    });
  },
);
