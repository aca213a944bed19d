import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { emailConnector, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import { createActivities } from '../../src/activities/create-activities';
import { createPlaybookWorker, type PlaybookWorkers } from '../../src/worker';
import { InMemoryWorkerApi } from '../../src/test-support/in-memory-worker-api';
import { SMTP_CONNECTION, WORKSPACE_ID } from './playbooks';

/**
 * A real worker (real workflow bundle, real activities, real email connector) on its own task
 * queue, talking to a real mail catcher; only the backend is replaced by the in-memory API.
 */
export interface WorkerHarness {
  worker: PlaybookWorkers;
  taskQueue: string;
  workerApi: InMemoryWorkerApi;
  catcher: MailCatcher;
  /** Resolves when the worker has stopped. */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkerHarness(env: TestWorkflowEnvironment): Promise<WorkerHarness> {
  const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const workerApi = new InMemoryWorkerApi();
  workerApi.addConnection(WORKSPACE_ID, {
    id: 'conn-1',
    name: SMTP_CONNECTION,
    connector: 'email',
    config: { host: '127.0.0.1', port: catcher.smtpPort, from: 'Acme <hello@acme.test>' },
  });
  const taskQueue = `test-${randomUUID()}`;
  const connectors = createRegistry([emailConnector]);
  const worker = await createPlaybookWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ workerApi, connectors }),
    connectors,
  });
  const stopped = worker.run();
  return {
    worker,
    taskQueue,
    workerApi,
    catcher,
    stopped,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await stopped;
      await catcher.close();
    },
  };
}
