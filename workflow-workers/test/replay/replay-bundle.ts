import path from 'node:path';
import type { ReplayWorkerOptions } from '@temporalio/worker';

export const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * Replay options for a workflows file, bundled from source: @tripline/playbook resolves to its
 * src/ (its package.json points at dist/, which tests do not build), as in src/worker.ts.
 */
export function replayOptions(workflowsPath: string): ReplayWorkerOptions {
  const playbookRoot = path.dirname(require.resolve('@tripline/playbook/package.json'));
  const aliases = { '@tripline/playbook$': path.join(playbookRoot, 'src', 'index.ts') };
  return {
    workflowsPath,
    bundlerOptions: {
      webpackConfigHook: (config) => ({
        ...config,
        resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...aliases } },
      }),
    },
  };
}
