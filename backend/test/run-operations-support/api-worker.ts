import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities } from '../../../workflow-workers/src/activities/create-activities';
import { defaultConnectors } from '../../../workflow-workers/src/connectors';
import { HttpWorkerApi } from '../../../workflow-workers/src/worker-api/http-worker-api';
import { createPlaybookWorker } from '../../../workflow-workers/src/worker';
import { TEST_INTERNAL_TOKEN } from '../support/test-app';

/** The SDK warns about every failed activity; these tests fail some on purpose. Before any Runtime exists. */
export function installQuietRuntime(): void {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}

/**
 * The real worker (workflow bundle from source, real activities and email connector) talking to the
 * test API over /internal/* exactly as `npm start`'s worker does.
 */
export async function startApiWorker(env: TestWorkflowEnvironment, apiUrl: string, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connectors = defaultConnectors();
  const workers = await createPlaybookWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ workerApi: new HttpWorkerApi({ baseUrl: apiUrl, token: TEST_INTERNAL_TOKEN }), connectors }),
    connectors,
  });
  const stopped = workers.run();
  return {
    async stop() {
      workers.shutdown();
      await stopped;
    },
  };
}
