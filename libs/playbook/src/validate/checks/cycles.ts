import type { NodeId, Playbook, ValidationProblem } from '../../dsl/types';
import { cyclicComponents } from '../../graph/cycles';
import { getStep } from '../../graph/nodes';
import { isWaitingStep } from '../../graph/ports';
import { nodeProblem } from '../problem';

/**
 * cycle_without_wait: a loop is allowed only if it passes through a wait, waitForEvent or approval
 * step; otherwise a run would spin without pause. Removing the waiting nodes and finding the
 * cycles that remain finds exactly those loops.
 */
export function checkCycles(playbook: Playbook): ValidationProblem[] {
  const nodes = Object.keys(playbook.nodes).filter((nodeId) => !isWaitingStep(getStep(playbook, nodeId)!));
  const kept = new Set(nodes);
  const successors = new Map<NodeId, NodeId[]>();
  for (const edge of playbook.edges) {
    if (!kept.has(edge.from) || !kept.has(edge.to)) continue;
    const list = successors.get(edge.from);
    if (list) list.push(edge.to);
    else successors.set(edge.from, [edge.to]);
  }
  return cyclicComponents(nodes, successors).map((component) => {
    const loop = component.map((nodeId) => `"${nodeId}"`).join(', ');
    return nodeProblem(
      'cycle_without_wait',
      component[0]!,
      `is in a loop (${loop}) with no wait, waitForEvent or approval step; a run would repeat it without pause`,
    );
  });
}
