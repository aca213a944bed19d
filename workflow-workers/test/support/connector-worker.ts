import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createRegistry, type ConnectorDefinition } from '@tripline/connector-sdk';
import { createActivities } from '../../src/activities/create-activities';
import { InMemoryWorkerApi } from '../../src/test-support/in-memory-worker-api';
import { createPlaybookWorker, type PlaybookWorkers } from '../../src/worker';

/** The real worker process's Workers (workflow + one per connector queue) for the given connectors. */
export async function startConnectorWorker(
  env: TestWorkflowEnvironment,
  connectors: ConnectorDefinition[],
  options: { workerApi?: InMemoryWorkerApi; rateLimits?: Record<string, number> } = {},
) {
  const registry = createRegistry(connectors);
  const workerApi = options.workerApi ?? new InMemoryWorkerApi();
  const taskQueue = `test-${randomUUID()}`;
  const workers: PlaybookWorkers = await createPlaybookWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ workerApi, connectors: registry }),
    connectors: registry,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const stopped = workers.run();
  return {
    workers,
    workerApi,
    taskQueue,
    async stop() {
      workers.shutdown();
      await stopped;
    },
  };
}
