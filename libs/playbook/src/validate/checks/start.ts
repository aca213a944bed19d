import type { Playbook, ValidationProblem } from '../../dsl/types';
import { hasNode } from '../../graph/nodes';

/** missing_start: `start` must name a node. */
export function checkStart(playbook: Playbook): ValidationProblem[] {
  if (hasNode(playbook, playbook.start)) return [];
  const message =
    playbook.start === ''
      ? 'start is not set: choose the first node of the playbook'
      : `start names "${playbook.start}", which is not a node`;
  return [{ code: 'missing_start', nodeId: playbook.start, message, path: ['start'] }];
}
