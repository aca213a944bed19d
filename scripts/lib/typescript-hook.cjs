// `node -r scripts/lib/typescript-hook.cjs file.ts`: runs TypeScript sources the way Jest does
// (jest.preset.js): compiled by SWC on require, workspace packages (@tripline/*) resolved to their
// sources. Used by `npm run drills`, so the drills run the same code in `npm test` and on their own.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const PACKAGE_SOURCES = {
  '@tripline/playbook': 'libs/playbook/src',
  '@tripline/templates': 'libs/templates/src',
  '@tripline/scoring': 'libs/scoring/src',
  '@tripline/connector-sdk': 'connectors/sdk/src',
  '@tripline/connector-email': 'connectors/email/src',
  '@tripline/connector-testkit': 'connectors/testkit/src',
  '@tripline/connector-slack': 'connectors/slack/src',
  '@tripline/connector-webhook': 'connectors/webhook/src',
  '@tripline/connector-segment': 'connectors/segment/src',
  '@tripline/connector-mixpanel': 'connectors/mixpanel/src',
  '@tripline/connector-hubspot': 'connectors/hubspot/src',
  '@tripline/connector-salesforce': 'connectors/salesforce/src',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const source = PACKAGE_SOURCES[request];
  return resolveFilename.call(this, source ? path.join(root, source) : request, ...rest);
};

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...SWC_OPTIONS, filename });
  module._compile(code, filename);
};
