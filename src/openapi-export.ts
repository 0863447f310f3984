import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApp } from './app.factory';
import { buildOpenApiDocument } from './common/openapi/openapi';

/**
 * Writes the OpenAPI document the server serves at /docs-json to a file (for linting), from an app
 * on a throw-away in-memory database.
 */
async function exportOpenApi(path: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopegate-openapi-'));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = 'sqlite::memory:';
  process.env.LOG_LEVEL = 'warn';
  const app = await createApp();
  try {
    await app.init();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

exportOpenApi(process.argv[2] ?? 'test-output/openapi.json').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
