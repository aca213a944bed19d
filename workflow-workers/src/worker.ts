import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { PlaybookActivities } from './activities/create-activities';

export interface PlaybookWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: PlaybookActivities;
}

// Under Jest this file runs from src/*.ts; built, from dist/*.js.
const runningFromSource = __filename.endsWith('.ts');

/**
 * When the worker runs from source (tests), the workflow bundle must use the libraries' sources
 * too: their package.json points at dist/, which may not be built yet.
 */
function sourceAliases(): Record<string, string> {
  if (!runningFromSource) return {};
  const playbookRoot = path.dirname(require.resolve('@tripline/playbook/package.json'));
  return { '@tripline/playbook$': path.join(playbookRoot, 'src', 'index.ts') };
}

/** A worker for the `playbookRun` workflow and its activities on one task queue. */
export function createPlaybookWorker(options: PlaybookWorkerOptions): Promise<Worker> {
  const aliases = sourceAliases();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities: options.activities,
    bundlerOptions: {
      webpackConfigHook: (config) => ({
        ...config,
        resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...aliases } },
      }),
    },
  });
}
