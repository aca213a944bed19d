import type { EvaluationContext, NodeId } from '@tripline/playbook';

/** What the workflow asks of `executeAction`: one action step, with its templates not yet rendered. */
export interface ExecuteActionInput {
  workspaceId: string;
  runId: string;
  stepId: NodeId;
  /** How many times the run has entered this node (1 on the first visit): part of the idempotency key. */
  visit: number;
  connector: string;
  action: string;
  /** A connection id or name in the workspace. */
  connection: string;
  /** The step's input: strings are LiquidJS templates. */
  input: Record<string, unknown>;
  context: EvaluationContext;
}

export interface ExecuteActionResult {
  /** The rendered input that was sent; absent when the result came from the ledger. */
  input?: unknown;
  output: unknown;
  /** True when the step had already completed (retry, replay, reset) and nothing was done again. */
  fromLedger: boolean;
  idempotencyKey: string;
}
