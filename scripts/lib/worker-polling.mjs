// Whether a worker polls the playbook task queue: the readiness signal of the worker process,
// used by `npm start` and by the worker container's health check.
import { createRequire } from 'node:module';
import { fromRoot } from './repo-root.mjs';

// Resolved the way the worker resolves it, so this needs no dependency of its own.
const requireFromWorker = createRequire(fromRoot('workflow-workers', 'package.json'));

const WORKFLOW_TASK_QUEUE = 1; // temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
const FRESH_POLL_MS = 2 * 60 * 1000; // idle workers re-poll about once a minute

/** Pollers of the task queue's workflow tasks that were seen in the last two minutes. */
export async function recentPollers({ address, namespace, taskQueue }) {
  const { Connection } = requireFromWorker('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: '3s' });
  try {
    const response = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: WORKFLOW_TASK_QUEUE,
    });
    const now = Date.now();
    return (response.pollers ?? []).filter((poller) => {
      const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
      return seconds === 0 || now - seconds * 1000 < FRESH_POLL_MS;
    });
  } finally {
    await connection.close();
  }
}
