/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: 'test/.*\\.(e2e-)?spec\\.ts$',
  // Real server processes from dist/: `npm run test:scale-out` and `npm run test:browser`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/scale-out/', '<rootDir>/test/browser/'],
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.[jt]s$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  // oauth4webapi ships only ES modules; jest on Node 20 needs it compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!oauth4webapi/)'],
  testTimeout: 30_000,
};
