module.exports = {
  ...require('../jest.preset.js'),
  displayName: '@tripline/backend',
  // Mercurius loads ESM-only packages: content-disposition 3 (through @fastify/static) with require()
  // and quick-lru 7 with import(). Node 20 runs both, but Jest's module loader cannot without
  // --experimental-vm-modules, so SWC compiles these three packages to CommonJS for the tests.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|quick-lru|mercurius)/)'],
};
