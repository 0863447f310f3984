/**
 * The operator's side, from dist/ (build first): the CLI, start-up and its failures, logs and
 * metrics, on SQLite and on PostgreSQL + Redis.
 */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/operations/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/support/services-teardown.ts',
  globalTeardown: '<rootDir>/test/support/services-teardown.ts',
};
