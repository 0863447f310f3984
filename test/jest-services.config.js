/** The whole suite again, on PostgreSQL and Redis (see test/support/services.ts). */
const base = require('./jest.config');

module.exports = {
  ...base,
  globalSetup: '<rootDir>/test/support/services-teardown.ts',
  globalTeardown: '<rootDir>/test/support/services-teardown.ts',
};
