/** The container image, built and run with podman (see test/container/standin-images.sh). */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/container/.*\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 900_000,
};
