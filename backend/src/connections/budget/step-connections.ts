import type { Playbook } from '@tripline/playbook';

/**
 * The step id a compensation is reported under is `<node>:undo` (`<node>:undo:<visit>` after the
 * first visit; workflow-workers compensation/undo-entry.ts): the undo calls the same connection.
 */
export function nodeIdOfStep(stepId: string): string {
  const undo = /^(.*):undo(?::\d+)?$/.exec(stepId);
  return undo ? undo[1]! : stepId;
}

/** The connection (id or name, as the step names it) an action step of this playbook snapshot calls; null for other steps. */
export function connectionOfStep(definition: Pick<Playbook, 'nodes'> | null | undefined, stepId: string): string | null {
  const node = definition?.nodes?.[nodeIdOfStep(stepId)];
  if (!node || node.kind !== 'action' || typeof node.connection !== 'string' || node.connection === '') return null;
  return node.connection;
}
