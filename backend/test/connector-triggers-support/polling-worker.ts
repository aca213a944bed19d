import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createRegistry, type ConnectorDefinition } from '@tripline/connector-sdk';
import { createActivities } from '../../../workflow-workers/src/activities/create-activities';
import { createPollingActivities } from '../../../workflow-workers/src/polling/polling-activities';
import { HttpTriggerApi } from '../../../workflow-workers/src/polling/trigger-api';
import { HttpWorkerApi } from '../../../workflow-workers/src/worker-api/http-worker-api';
import { createPlaybookWorker } from '../../../workflow-workers/src/worker';
import { TEST_INTERNAL_TOKEN } from '../support/test-app';

/** The real worker (as `npm start` runs it: playbook + polling activities, one queue per connector) against `apiUrl`. */
export async function startPollingWorker(env: TestWorkflowEnvironment, apiUrl: string, taskQueue: string, connectors: ConnectorDefinition[]) {
  const registry = createRegistry(connectors);
  const workerApi = new HttpWorkerApi({ baseUrl: apiUrl, token: TEST_INTERNAL_TOKEN });
  const workers = await createPlaybookWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: {
      ...createActivities({ workerApi, connectors: registry }),
      ...createPollingActivities({ workerApi, triggerApi: new HttpTriggerApi({ baseUrl: apiUrl, token: TEST_INTERNAL_TOKEN }), connectors: registry }),
    },
    connectors: registry,
  });
  const stopped = workers.run();
  return {
    async stop() {
      workers.shutdown();
      await stopped;
    },
  };
}
