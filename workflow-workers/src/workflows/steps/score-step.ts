import { proxyActivities } from '@temporalio/workflow';
import type { ScoreStep } from '@tripline/playbook';
// Types only: the workflow bundle never loads activity code.
import type { PlaybookActivities } from '../../activities/create-activities';
import { runFailure } from '../failure-message';
import type { StepContext, StepOutcome } from './step-outcome';

/** The API call is quick and idempotent by key: retried while the API is down, a 4xx fails at once. */
const scoring = proxyActivities<Pick<PlaybookActivities, 'adjustScore'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

/**
 * Adds `adjust` points to the subject's live score under `model` (no `adjust`: reads the score
 * now), through the API, once per visit of the step. Output: the score and tier after it.
 */
export async function runScoreStep(step: ScoreStep, { run, nodeId, visit }: StepContext): Promise<StepOutcome> {
  if (step.adjust !== undefined && !Number.isFinite(step.adjust)) {
    throw runFailure(`score (node ${nodeId}): adjust must be a number of points`, 'InvalidStep');
  }
  const reading = await scoring.adjustScore({
    workspaceId: run.workspaceId,
    runId: run.runId,
    stepId: nodeId,
    visit,
    subject: run.subject,
    model: step.model,
    ...(step.adjust === undefined ? {} : { adjust: step.adjust }),
  });
  return { output: { score: reading.score, tier: reading.tier } };
}
