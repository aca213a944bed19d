import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createRegistry } from '@tripline/connector-sdk';
import { mixpanelConnector } from '@tripline/connector-mixpanel';
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { createPollingActivities } from '../../workflow-workers/src/polling/polling-activities';
import { HttpTriggerApi } from '../../workflow-workers/src/polling/trigger-api';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { createPlaybookWorker } from '../../workflow-workers/src/worker';
import { TEST_INTERNAL_TOKEN } from './support/test-app';

export interface HeldExport {
  /** The request's query string (from_date / to_date). */
  query: string;
  /** The worker gave up on it (its socket closed) before an answer. */
  abandoned: boolean;
}

/**
 * Sits between the worker and the fake Mixpanel and can hold an export request unanswered, so a
 * test can stop the worker while a poll is in flight. A held request is never forwarded: the fake
 * answers only the requests that pass.
 */
export async function startHoldingProxy(target: string) {
  const toHold = new Set<number>();
  let received = 0;
  const held: HeldExport[] = [];
  const passed: string[] = [];
  const server = http.createServer((request, response) => {
    const query = (request.url ?? '').split('?')[1] ?? '';
    received += 1;
    if (toHold.has(received)) {
      const entry: HeldExport = { query, abandoned: false };
      held.push(entry);
      response.on('close', () => (entry.abandoned = !response.writableEnded));
      return;
    }
    passed.push(query);
    fetch(`${target}${request.url}`, { headers: { authorization: request.headers.authorization ?? '', accept: request.headers.accept ?? '*/*' } })
      .then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        response.end(body);
      })
      .catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Hold the `n`-th request the proxy receives (1-based), never answering it. */
    holdRequest(n: number) {
      toHold.add(n);
    },
    held,
    passed,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The real worker (playbook + polling activities, a Worker per connector queue) with the real
 * Mixpanel connector. Mixpanel's declared rate (one export a minute) is overridden, as an operator
 * can with TRIPLINE_RATE_LIMIT_<CONNECTOR>, so several poll rounds fit in a test.
 */
export async function startMixpanelWorker(env: TestWorkflowEnvironment, apiUrl: string, taskQueue: string) {
  const registry = createRegistry([mixpanelConnector]);
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
    rateLimits: { [mixpanelConnector.name]: 50 },
  });
  const stopped = workers.run();
  return {
    /** Worker shutdown: stops polling, cancels the activities in hand (grace time 0), waits for them to end. */
    async stop() {
      workers.shutdown();
      await stopped;
    },
  };
}
