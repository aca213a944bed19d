import type { Playbook, ValidationProblem } from '../../dsl/types';
import { hasNode } from '../../graph/nodes';
import { reachableFrom } from '../../graph/reachable';
import { nodeProblem } from '../problem';

/** unreachable_node: every node must be reachable from start (skipped when start is missing). */
export function checkReachability(playbook: Playbook): ValidationProblem[] {
  if (!hasNode(playbook, playbook.start)) return [];
  const reached = reachableFrom(playbook, playbook.start);
  return Object.keys(playbook.nodes)
    .filter((nodeId) => !reached.has(nodeId))
    .map((nodeId) => nodeProblem('unreachable_node', nodeId, `cannot be reached from start "${playbook.start}"; connect it or delete it`));
}
