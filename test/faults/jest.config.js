/**
 * Faults, from dist/ (build first): a PostgreSQL server of the suite's own stopped, started and
 * locked under load; SQLite on a full or read-only filesystem and killed mid-write; overload.
 * Needs root (tmpfs mounts) and PostgreSQL's server programs, as CI has.
 */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/faults/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: [],
  maxWorkers: 1,
  testTimeout: 120_000,
};
