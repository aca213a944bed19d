import { allHandlersFinished, condition, continueAsNew, ContinueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { NodeId, PlaybookRunInput } from '@tripline/playbook';
import type { RunState } from './run-state';

export const CONTINUE_AS_NEW_PATCH = 'tripline-continue-as-new-v1';

/**
 * Long runs start a fresh history before Temporal's limits (50 K events / 50 MB): when the server
 * suggests it, or after the run's step budget. The new run gets the same input snapshot plus
 * `resume` (next node, visits, path, steps taken, `carry`), so it picks up exactly here and its
 * idempotency keys never repeat an earlier run's. Only between steps of the main path: a fork's
 * branches run to their join first (see forkBranches).
 */
export async function continueAsNewIfDue(
  run: PlaybookRunInput,
  state: RunState,
  nextNodeId: NodeId,
  carry: () => Record<string, unknown>,
): Promise<void> {
  if (!state.hasRunSteps()) return;
  if (!state.historyBudgetSpent() && !workflowInfo().continueAsNewSuggested) return;
  // Runs whose history went on past this point before continue-as-new existed keep going (replay).
  if (!patched(CONTINUE_AS_NEW_PATCH)) return;
  // A signal or update handler still running (an approval decision being recorded) must finish first.
  await condition(allHandlersFinished);
  const continued: PlaybookRunInput = { ...run, resume: state.resumeAt(nextNodeId, carry()) };
  await continueAsNew<(input: PlaybookRunInput) => Promise<unknown>>(continued);
}

/**
 * The "error" continueAsNew throws to end this run: it must pass through untouched (not reported,
 * not compensated). The new run inherits the search attributes (the server copies them when the
 * command sets none).
 */
export function isContinueAsNew(error: unknown): error is ContinueAsNew {
  return error instanceof ContinueAsNew;
}
