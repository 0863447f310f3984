/**
 * Pure logic only: no Nest app booted, no database, no network (`npm run test:unit`, seconds).
 * `npm test` runs these too, with the e2e tests of test/e2e.
 */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/unit/.*\\.spec\\.ts$',
  // No app answers here, so there are no responses to check against the OpenAPI document.
  setupFilesAfterEnv: [],
  testTimeout: 10_000,
};
