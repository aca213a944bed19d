import { formatPath } from '../dsl/parse-playbook';
import type { NodeId, ValidationProblem } from '../dsl/types';

type Code = ValidationProblem['code'];

/** A problem about a node; the message is prefixed with the node so it reads well on its own. */
export function nodeProblem(code: Code, nodeId: NodeId, message: string, path: (string | number)[] = ['nodes', nodeId]): ValidationProblem {
  return { code, nodeId, message: `node "${nodeId}": ${message}`, path };
}

/** A problem about an edge, tied also to the node it leaves when that node exists. */
export function edgeProblem(code: Code, edgeIndex: number, message: string, nodeId?: NodeId): ValidationProblem {
  const problem: ValidationProblem = { code, edgeIndex, message: `edge ${edgeIndex}: ${message}`, path: ['edges', edgeIndex] };
  if (nodeId !== undefined) problem.nodeId = nodeId;
  return problem;
}

/** A problem about a playbook-level field (the trigger, say) that belongs to no node. */
export function fieldProblem(code: Code, path: (string | number)[], message: string): ValidationProblem {
  return { code, message: `${formatPath(path)}: ${message}`, path };
}
