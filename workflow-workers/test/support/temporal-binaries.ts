import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The Temporal CLI (dev server) the tests run; no download happens here. */
export function temporalCliPath(): string {
  return process.env.TEMPORAL_CLI_PATH || path.join(repoRoot, '.tools', 'temporal', 'bin', 'temporal');
}

/** The time-skipping test server, for steps that wait days. */
export function temporalTestServerPath(): string {
  return process.env.TEMPORAL_TEST_SERVER_PATH || path.join(repoRoot, '.tools', 'temporal', 'bin', 'temporal-test-server');
}
