import type { Playbook, ValidationProblem } from '../../dsl/types';
import { hasNode } from '../../graph/nodes';
import { edgeProblem } from '../problem';

/** dangling_edge: both ends of every edge must be nodes. */
export function checkDanglingEdges(playbook: Playbook): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  playbook.edges.forEach((edge, index) => {
    const fromKnown = hasNode(playbook, edge.from);
    const toKnown = hasNode(playbook, edge.to);
    if (!fromKnown) {
      problems.push(edgeProblem('dangling_edge', index, `leaves "${edge.from}", which is not a node`, toKnown ? edge.to : undefined));
    }
    if (!toKnown) {
      problems.push(edgeProblem('dangling_edge', index, `goes to "${edge.to}", which is not a node`, fromKnown ? edge.from : undefined));
    }
  });
  return problems;
}
