import { writeFileSync } from 'node:fs';
import { listRoutes } from '@scopegate/nest-scopes';
import { buildScopeMatrix, MatrixDocument, renderScopeMatrix } from './scope-matrix';
import { runTool, withOfflineApp } from './offline-app';
import { buildOpenApiDocument } from '../openapi/openapi-document';

/** Writes docs/SCOPES.md from the running application's routes and the scope table. */
runTool(() =>
  withOfflineApp((app) => {
    writeFileSync(
      process.argv[2] ?? 'docs/SCOPES.md',
      renderScopeMatrix(
        buildScopeMatrix(listRoutes(app)),
        buildOpenApiDocument(app) as unknown as MatrixDocument,
      ),
    );
  }),
);
