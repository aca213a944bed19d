import type { RetryPolicy } from '@tripline/playbook';
import { parseDuration } from '@tripline/playbook';
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
// Types only: the workflow bundle never loads activity code.
import type { PlaybookActivities } from '../activities/create-activities';

/**
 * Reporting status must not be lost, so it retries for as long as the API is down (a 4xx from the
 * API is non-retryable and surfaces at once).
 */
export const reporting = proxyActivities<Pick<PlaybookActivities, 'recordRunEvent'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The same reporting as a local activity: run by the worker that runs the workflow, recorded as a
 * marker — no task-queue round trip through the server, which made four to six of the server's tasks
 * per run. Runs started before `LOCAL_REPORTING_PATCH` keep the scheduled activity (run-reporter.ts).
 */
export const reportingLocally = proxyLocalActivities<Pick<PlaybookActivities, 'recordRunEvent'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const LOCAL_REPORTING_PATCH = 'tripline-local-reporting-v1';

export const DEFAULT_ACTION_ATTEMPTS = 10;

/**
 * Activities of an action step, retried as the step's `retry` says (defaults otherwise), on
 * `taskQueue` (the connector's own queue, rate-limited by the server) when given.
 */
export function actionActivities(retry: RetryPolicy | undefined, taskQueue?: string): Pick<PlaybookActivities, 'executeAction'> {
  return proxyActivities<Pick<PlaybookActivities, 'executeAction'>>({
    ...(taskQueue ? { taskQueue } : {}),
    startToCloseTimeout: '2 minutes',
    // The activity heartbeats every 5 s (activities/heartbeat.ts): a worker killed mid-send is noticed
    // in 30 s and the step retried (the ledger decides whether to act again), not after 2 minutes.
    heartbeatTimeout: '30 seconds',
    retry: {
      initialInterval: retry?.initialInterval ? parseDuration(retry.initialInterval) : '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: retry?.maximumAttempts ?? DEFAULT_ACTION_ATTEMPTS,
    },
  });
}
