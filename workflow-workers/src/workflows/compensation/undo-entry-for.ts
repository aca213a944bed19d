import type { ActionStep } from '@tripline/playbook';
import type { ExecuteActionResult } from '../../activities/activity-types';
import type { StepContext } from '../steps/step-outcome';
import type { UndoEntry } from './undo-entry';

/**
 * The undo stack entry of a completed action step, or none: reads leave nothing to undo, a capped
 * step did nothing, and `compensate: 'none'` on the step opts it out.
 */
export function undoEntryFor(step: ActionStep, { run, nodeId, visit }: StepContext, result: ExecuteActionResult): UndoEntry | undefined {
  if (result.capped || result.compensation === 'nothingToUndo' || step.compensate === 'none') return undefined;
  return {
    stepId: nodeId,
    visit,
    kind: result.compensation ?? 'none', // absent in results recorded before compensation existed
    connector: step.connector,
    action: step.action,
    connection: step.connection,
    idempotencyKey: result.idempotencyKey,
    output: result.output,
    ...(result.input === undefined ? { templates: { input: step.input, context: run.context } } : { input: result.input }),
  };
}
