import type { RetryPolicy } from '@tripline/playbook';
import { parseDuration } from '@tripline/playbook';
import { proxyActivities } from '@temporalio/workflow';
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

export const DEFAULT_ACTION_ATTEMPTS = 10;

/**
 * Activities of an action step, retried as the step's `retry` says (defaults otherwise), on
 * `taskQueue` (the connector's own queue, rate-limited by the server) when given.
 */
export function actionActivities(retry: RetryPolicy | undefined, taskQueue?: string): Pick<PlaybookActivities, 'executeAction'> {
  return proxyActivities<Pick<PlaybookActivities, 'executeAction'>>({
    ...(taskQueue ? { taskQueue } : {}),
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: retry?.initialInterval ? parseDuration(retry.initialInterval) : '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: retry?.maximumAttempts ?? DEFAULT_ACTION_ATTEMPTS,
    },
  });
}
