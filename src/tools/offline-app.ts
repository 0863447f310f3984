import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.factory';

/**
 * Runs `use` against the application built on a throw-away in-memory database, without listening:
 * for tools that read what the running app declares (its OpenAPI document, its routes).
 */
export async function withOfflineApp<T>(
  use: (app: NestFastifyApplication) => Promise<T> | T,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopegate-tool-'));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = 'sqlite::memory:';
  process.env.LOG_LEVEL = 'error';
  delete process.env.REDIS_URL;
  const app = await createApp();
  try {
    await app.init();
    return await use(app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ends a tool's process with a short message on failure. */
export function runTool(tool: () => Promise<void>): void {
  tool().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
