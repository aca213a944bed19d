// Shared Jest settings: TypeScript through SWC (with decorator metadata for NestJS/TypeORM),
// and workspace packages resolved to their sources so tests never need a build.
const path = require('node:path');

const sourceOf = (dir) => path.join(__dirname, dir, 'src');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@tripline/playbook$': sourceOf('libs/playbook'),
    '^@tripline/templates$': sourceOf('libs/templates'),
    '^@tripline/scoring$': sourceOf('libs/scoring'),
    '^@tripline/connector-sdk$': sourceOf('connectors/sdk'),
    '^@tripline/connector-email$': sourceOf('connectors/email'),
    '^@tripline/connector-testkit$': sourceOf('connectors/testkit'),
    '^@tripline/connector-slack$': sourceOf('connectors/slack'),
    '^@tripline/connector-webhook$': sourceOf('connectors/webhook'),
    '^@tripline/connector-segment$': sourceOf('connectors/segment'),
    '^@tripline/connector-mixpanel$': sourceOf('connectors/mixpanel'),
    '^@tripline/connector-hubspot$': sourceOf('connectors/hubspot'),
    '^@tripline/connector-salesforce$': sourceOf('connectors/salesforce'),
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
};
