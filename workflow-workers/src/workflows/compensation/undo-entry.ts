import type { EvaluationContext, NodeId } from '@tripline/playbook';
import type { CompensationKind } from '../../activities/activity-types';

/**
 * One completed write action, as compensation needs it: which action with which connection, the
 * key it ran under (the undo runs under `<key>:undo`), its output, and the input it ran with (or,
 * when its result came from the ledger, the templates and context that render that input again).
 * Plain data: it lives in workflow state and crosses continue-as-new.
 */
export interface UndoEntry {
  stepId: NodeId;
  visit: number;
  /** undo: run the connector's undo; irreversible / none: report that it cannot be undone. */
  kind: Exclude<CompensationKind, 'nothingToUndo'>;
  connector: string;
  action: string;
  connection: string;
  idempotencyKey: string;
  output: unknown;
  input?: unknown;
  templates?: { input: Record<string, unknown>; context: EvaluationContext };
}

/** Why a run compensates: its failure, an operator's cancel, or an approval rejected with no "rejected" edge. */
export type CompensationReason = 'failed' | 'cancelled' | 'rejected';

export interface CompensationReport {
  reason: CompensationReason;
  /** Step ids undone, in the order they were undone (newest first). */
  undone: NodeId[];
  /** Steps that cannot be undone (irreversible, or no undo declared), with why. */
  notUndoable: { stepId: NodeId; why: string }[];
  /** Undos that failed after their retries; never swallowed: the run ends failed naming them. */
  failed: { stepId: NodeId; error: string }[];
}

/** The step id compensation events are reported under: `<node>:undo` (`<node>:undo:<visit>` after the first visit). */
export function undoStepId(entry: Pick<UndoEntry, 'stepId' | 'visit'>): string {
  return entry.visit === 1 ? `${entry.stepId}:undo` : `${entry.stepId}:undo:${entry.visit}`;
}
