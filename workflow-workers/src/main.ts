/** The worker process: `node dist/main.js` (started by `npm start`, or one per container). */
import { Runtime, type NativeConnection } from '@temporalio/worker';
import { createActivities } from './activities/create-activities';
import { effectiveRateLimit, rateLimitOverrides } from './activities/rate-limit-config';
import { readWorkerConfig } from './config';
import { defaultConnectors } from './connectors';
import { connectWithRetry } from './temporal/connect-with-retry';
import { HttpWorkerApi } from './worker-api/http-worker-api';
import { createPollingActivities } from './polling/polling-activities';
import { HttpTriggerApi } from './polling/trigger-api';
import { createPlaybookWorker, type PlaybookWorkers } from './worker';

async function main(): Promise<void> {
  const config = readWorkerConfig(process.env);
  // We handle signals ourselves so that SIGTERM also stops a worker still waiting for Temporal.
  Runtime.install({ shutdownSignals: [] });

  const stop = new AbortController();
  let worker: PlaybookWorkers | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    console.log(`worker: ${signal} received, shutting down (finishing the tasks in hand)`);
    stop.abort();
    // Before run() the worker is not started; the abort check after Worker.create covers that window.
    if (worker?.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let connection: NativeConnection | undefined;
  try {
    connection = await connectWithRetry({ address: config.temporalAddress, signal: stop.signal });
    const connectors = defaultConnectors();
    const rateLimits = rateLimitOverrides(process.env, connectors.list());
    const workerApi = new HttpWorkerApi({ baseUrl: config.apiUrl, token: config.internalToken });
    const activities = {
      ...createActivities({ workerApi, connectors }),
      // Connector triggers: the pollConnectorTrigger workflow's activities (src/polling/).
      ...createPollingActivities({ workerApi, triggerApi: new HttpTriggerApi({ baseUrl: config.apiUrl, token: config.internalToken }), connectors }),
    };
    worker = await createPlaybookWorker({
      connection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      activities,
      connectors,
      rateLimits,
    });
    if (stop.signal.aborted) return;
    console.log(
      `worker: polling task queue '${config.taskQueue}' on Temporal ${config.temporalAddress} ` +
        `(namespace '${config.namespace}'), API ${config.apiUrl}`,
    );
    for (const [name, connectorWorker] of worker.connectorWorkers) {
      const perSecond = effectiveRateLimit(connectors.getConnector(name), rateLimits);
      console.log(`worker: connector '${name}' on '${connectorWorker.options.taskQueue}'${perSecond ? ` at ≤ ${perSecond}/s` : ''}`);
    }
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await connection?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`worker: ${error.message}`);
    process.exit(1);
  },
);
