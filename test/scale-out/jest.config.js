/**
 * Real server processes from dist/ on PostgreSQL and Redis, one suite at a time: test/scale-out/ and
 * the security promises that need several instances (the files under test/e2e named *.scale-out.e2e-spec.ts).
 */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/(scale-out/.*|e2e/.*\\.scale-out)\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/support/services-teardown.ts',
  globalTeardown: '<rootDir>/test/support/services-teardown.ts',
};
