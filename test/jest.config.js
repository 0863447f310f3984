/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: 'test/.*\\.(e2e-)?spec\\.ts$',
  // Run by their own commands: test:scale-out, test:browser (dist/) and test:container (podman).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/scale-out/',
    '\\.scale-out\\.e2e-spec\\.ts$',
    '<rootDir>/test/browser/',
    '<rootDir>/test/container/',
  ],
  // The guard library, from its sources (the build resolves it from its workspace package).
  moduleNameMapper: { '^@scopegate/nest-scopes$': '<rootDir>/libs/nest-scopes/src' },
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.[jt]s$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  // oauth4webapi ships only ES modules; jest on Node 20 needs it compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!oauth4webapi/)'],
  // Every response an e2e test causes must keep the app's own OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/test/support/response-check/setup.ts'],
  testTimeout: 30_000,
};
