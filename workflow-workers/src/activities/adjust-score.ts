import { Context } from '@temporalio/activity';
import type { RunSubject } from '@tripline/playbook';
import type { WorkerApi } from '../worker-api/worker-api';
import { idempotencyKeyFor } from './execute-action';
import { NonRetryableActivityError } from './non-retryable-activity-error';

/** What the workflow asks of `adjustScore`: one score step. */
export interface AdjustScoreInput {
  workspaceId: string;
  runId: string;
  stepId: string;
  visit: number;
  subject: RunSubject;
  /** The scoring model's id. */
  model: string;
  /** Points to add (negative: take away); absent: only read the score now. */
  adjust?: number;
}

/** The subject's score and tier under the model, right after the step. */
export interface ScoreReading {
  score: number;
  tier: string | null;
}

/**
 * A score step: the API adds the points (or only reads) in one transaction that also records the
 * step's ledger key, `<workflowId>:<stepId>:<visit>`, so a retried or replayed step never adds twice
 * and gets the score it got the first time.
 */
export async function adjustScore(workerApi: WorkerApi, request: AdjustScoreInput): Promise<ScoreReading> {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  if (!workflowId) throw new NonRetryableActivityError('adjustScore runs only as a step of a playbook run workflow', 'NotInWorkflow');
  return workerApi.adjustScore({ ...request, workflowId, key: idempotencyKeyFor(workflowId, request.stepId, request.visit) });
}
