/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: 'test/.*\\.(e2e-)?spec\\.ts$',
  // Run by their own commands: test:scale-out, test:operations, test:browser and test:example
  // (dist/), and test:container (podman).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/scale-out/',
    '\\.scale-out\\.e2e-spec\\.ts$',
    '<rootDir>/test/browser/',
    '<rootDir>/test/container/',
    '<rootDir>/test/example/',
    '<rootDir>/test/operations/',
  ],
  // The guard library, from its sources (the build resolves it from its workspace package).
  moduleNameMapper: { '^@scopegate/nest-scopes$': '<rootDir>/libs/nest-scopes/src' },
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.[jt]s$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  // oauth4webapi and jose (under jwks-rsa) ship only ES modules; jest on Node 20 needs them
  // compiled to CommonJS (Node itself loads them through require(esm)).
  transformIgnorePatterns: ['/node_modules/(?!(oauth4webapi|jose)/)'],
  // Every response an e2e test causes must keep the app's own OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/test/support/response-check/setup.ts'],
  testTimeout: 30_000,
};
