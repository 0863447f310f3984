/** scopegate (dist/) and the example API (examples/inventory-api/dist/) as two processes. */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/example/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 60_000,
};
