import { proxyActivities, workflowInfo } from '@temporalio/workflow';
// Types only: the workflow bundle never loads activity code.
import type { PlaybookActivities } from '../../activities/create-activities';
import { connectorTaskQueue } from '../../activities/rate-limit-queues';

/** Attempts an undo gets before compensation records it as failed. */
export const UNDO_ATTEMPTS = 5;

/**
 * `compensateAction` on the connector's own task queue (its rate limit applies to undos too),
 * retried a few times with backoff; permanent errors (4xx, auth) fail at once.
 */
export function undoActivities(connector: string): Pick<PlaybookActivities, 'compensateAction'> {
  return proxyActivities<Pick<PlaybookActivities, 'compensateAction'>>({
    taskQueue: connectorTaskQueue(workflowInfo().taskQueue, connector),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '30 seconds', // the activity heartbeats every 5 s (activities/heartbeat.ts)
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: UNDO_ATTEMPTS },
  });
}
