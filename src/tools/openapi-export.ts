import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { runTool, withOfflineApp } from './offline-app';

/** Writes the OpenAPI document the server serves at /docs-json to a file (for linting). */
runTool(() =>
  withOfflineApp((app) => {
    const path = process.argv[2] ?? 'test-output/openapi.json';
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  }),
);
