module.exports = {
  ...require('../jest.preset.js'),
  displayName: '@tripline/backend',
  // Integration suites start a real API (migrations, seeding) in beforeAll: on a busy 2-core machine that can
  // pass Jest's 5 s default. Suites that need more set their own. (`testTimeout` here would be ignored: Jest reads
  // it from the root config only, so the default is set per test file.)
  setupFilesAfterEnv: ['<rootDir>/test/support/default-timeout.ts'],
  // Mercurius loads ESM-only packages: content-disposition 3 (through @fastify/static) with require()
  // and quick-lru 7 with import(). Node 20 runs both, but Jest's module loader cannot without
  // --experimental-vm-modules, so SWC compiles these three packages to CommonJS for the tests.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|quick-lru|mercurius)/)'],
};
