import type { EvaluationContext, NodeId, RunSubject } from '@tripline/playbook';

/** What the workflow asks of `executeAction`: one action step, with its templates not yet rendered. */
export interface ExecuteActionInput {
  workspaceId: string;
  runId: string;
  stepId: NodeId;
  /** How many times the run has entered this node (1 on the first visit): part of the idempotency key. */
  visit: number;
  connector: string;
  /** The connector version the step was built with (pinned at publish); absent in older snapshots. */
  connectorVersion?: string;
  action: string;
  /** A connection id or name in the workspace. */
  connection: string;
  /** The step's input: strings are LiquidJS templates. */
  input: Record<string, unknown>;
  context: EvaluationContext;
  /** Who the run reaches and with what priority: the frequency caps apply when the action is outreach. */
  outreach?: OutreachRequest;
}

export interface OutreachRequest {
  playbookId: string;
  subject: RunSubject;
  /** Playbook.outreach.priority (0–100, default 50): decides which run wins a contact. */
  priority: number;
}

/**
 * How a completed action can be taken back: its declared `undo`, not at all (`irreversible`), or
 * unknown (`none`: a write that declares neither). Reads leave nothing to undo.
 */
export type CompensationKind = 'undo' | 'irreversible' | 'none' | 'nothingToUndo';

/** The workspace's frequency cap held the action back: nothing was done. */
export interface CappedOutreach {
  reason: string;
  /** When the cap would allow it (ISO time), if waiting can help. */
  retryAt?: string;
}

/** A recipient of an email outreach step is on the workspace's suppression list: nothing was sent. */
export interface SuppressedOutreach {
  reason: string;
  /** The suppressed recipients, lower-cased. */
  emails: string[];
}

export interface ExecuteActionResult {
  /** The rendered input that was sent; absent when the result came from the ledger. */
  input?: unknown;
  output: unknown;
  /** True when the step had already completed (retry, replay, reset) and nothing was done again. */
  fromLedger: boolean;
  idempotencyKey: string;
  /** What a compensation of this step can do (undo it, or report it cannot be undone). */
  compensation: CompensationKind;
  /** Set when the frequency cap held the action back; then nothing happened and `output` is null. */
  capped?: CappedOutreach;
  /** Set when a recipient is suppressed (email outreach); then nothing happened and `output` is null. */
  suppressed?: SuppressedOutreach;
}

/** What `compensateAction` needs to undo one completed action step. */
export interface CompensateActionInput {
  workspaceId: string;
  runId: string;
  stepId: NodeId;
  connector: string;
  action: string;
  connection: string;
  /** The key the action ran under; the undo runs under `<key>:undo`. */
  idempotencyKey: string;
  /** The rendered input the action ran with; when unknown (its result came from the ledger), `templates`. */
  input?: unknown;
  templates?: { input: Record<string, unknown>; context: EvaluationContext };
  output: unknown;
}

export interface CompensateActionResult {
  /** True when the undo had already been done (retry, replay, reset) and was not done again. */
  fromLedger: boolean;
  output: unknown;
  idempotencyKey: string;
}
