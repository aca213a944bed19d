import path from 'node:path';
import { NativeConnection, Worker, type State } from '@temporalio/worker';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import type { PlaybookActivities } from './activities/create-activities';
import { effectiveRateLimit } from './activities/rate-limit-config';
import { connectorTaskQueue } from './activities/rate-limit-queues';

export interface PlaybookWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: PlaybookActivities;
  /** The connectors whose activities this process runs, one task queue (and Worker) each. */
  connectors: ConnectorRegistry;
  /** Per connector name, a rate (activities per second) that replaces the declared one. */
  rateLimits?: Record<string, number>;
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

/**
 * The Workers of one worker process: the `playbookRun` workflow (and its bookkeeping activities)
 * on the playbook task queue, plus one activities-only Worker per connector on
 * `<taskQueue>-connector-<name>`, whose `maxTaskQueueActivitiesPerSecond` is the connector's rate
 * limit. Temporal enforces that rate on the server, across every worker polling the queue.
 */
export class PlaybookWorkers {
  constructor(
    readonly workflowWorker: Worker,
    readonly connectorWorkers: ReadonlyMap<string, Worker>,
  ) {}

  private all(): Worker[] {
    return [this.workflowWorker, ...this.connectorWorkers.values()];
  }

  /** Runs every Worker; resolves when all have stopped. One failing stops the others. */
  async run(): Promise<void> {
    const runs = this.all().map((worker) =>
      worker.run().catch((error: unknown) => {
        this.shutdown();
        throw error;
      }),
    );
    const results = await Promise.allSettled(runs);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Stops polling and lets the tasks in hand finish (on every Worker that is running). */
  shutdown(): void {
    for (const worker of this.all()) {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    }
  }

  /** The workflow Worker's state (the connector Workers follow it). */
  getState(): State {
    return this.workflowWorker.getState();
  }
}

/** The Workers for `playbookRun` and every connector's activities (see PlaybookWorkers). */
export async function createPlaybookWorker(options: PlaybookWorkerOptions): Promise<PlaybookWorkers> {
  const workflowWorker = await createWorkflowWorker(options);
  const connectorWorkers = new Map<string, Worker>();
  for (const connector of options.connectors.list()) {
    const perSecond = effectiveRateLimit(connector, options.rateLimits);
    connectorWorkers.set(
      connector.name,
      await Worker.create({
        connection: options.connection,
        namespace: options.namespace,
        taskQueue: connectorTaskQueue(options.taskQueue, connector.name),
        activities: options.activities,
        ...(perSecond === undefined ? {} : { maxTaskQueueActivitiesPerSecond: perSecond }),
      }),
    );
  }
  return new PlaybookWorkers(workflowWorker, connectorWorkers);
}

function createWorkflowWorker(options: PlaybookWorkerOptions): Promise<Worker> {
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
