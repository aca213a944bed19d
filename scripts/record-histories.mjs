#!/usr/bin/env node
// `npm run record:histories [-- name …]`: records the workflow histories that CI replays
// (workflow-workers/test/fixtures/histories/*.json) by running each scenario of
// workflow-workers/test/replay/scenarios.ts on a real Temporal dev server. Re-record after a change
// to the interpreter that is meant to change histories of NEW runs (behind `patched()`), and commit
// the new files next to the old ones' replacements; see workflow-workers/README.md.
import { spawnSync } from 'node:child_process';
import { fromRoot } from './lib/repo-root.mjs';

const names = process.argv.slice(2).filter((arg) => arg !== '--');
const result = spawnSync(
  process.execPath,
  [
    fromRoot('node_modules/jest/bin/jest.js'),
    '--config',
    fromRoot('workflow-workers/jest.config.js'),
    '--testMatch',
    '<rootDir>/test/replay/record-histories.recorder.ts',
    '--runInBand',
  ],
  {
    cwd: fromRoot(),
    stdio: 'inherit',
    env: {
      ...process.env,
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH || fromRoot('.tools/temporal/bin/temporal'),
      TRIPLINE_RECORD_ONLY: names.join(','),
    },
  },
);
process.exit(result.status ?? 1);
