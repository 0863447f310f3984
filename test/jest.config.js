/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  // test/unit (pure logic, no app: also `npm run test:unit` alone) and test/e2e (the app booted).
  // test/scale-out, test/operations, test/browser and test/example (dist/) and test/container
  // (podman) are run by their own commands, and so are test/e2e/**/*.scale-out.e2e-spec.ts
  // (test:scale-out).
  testRegex: 'test/(unit|e2e)/.*\\.(e2e-)?spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '\\.scale-out\\.e2e-spec\\.ts$'],
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
