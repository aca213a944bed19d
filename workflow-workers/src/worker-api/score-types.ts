import type { RunSubject } from '@tripline/playbook';

/** POST /internal/scores/adjust: a score step, idempotent by `key` (`<workflowId>:<stepId>:<visit>`). */
export interface AdjustScoreRequest {
  workspaceId: string;
  runId: string;
  workflowId: string;
  stepId: string;
  visit: number;
  /** The ledger key of this step visit. */
  key: string;
  subject: RunSubject;
  /** The scoring model's id. */
  model: string;
  /** Points to add (negative: take away); absent: read the score now. */
  adjust?: number;
}

/** The subject's score (two decimals) and tier right after the step; a repeat of the key returns the first answer. */
export interface AdjustScoreResponse {
  score: number;
  tier: string | null;
}
