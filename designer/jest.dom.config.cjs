// Component tests (*.test.tsx) run in jsdom; everything else in the designer stays on Node (jest.config.cjs).
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: '@tripline/designer (dom)',
  testEnvironment: 'jsdom',
  // React Flow and Testing Library resolve their browser builds.
  testEnvironmentOptions: { customExportConditions: ['browser', 'require', 'default'] },
  setupFilesAfterEnv: ['<rootDir>/test/support/dom-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.test.tsx'],
};
