import type { NodeId, Playbook } from '../dsl/types';
import { hasNode } from './nodes';

/** Every node a run starting at `nodeId` can reach (itself included), in breadth-first order. */
export function reachableFrom(playbook: Pick<Playbook, 'nodes' | 'edges'>, nodeId: NodeId): Set<NodeId> {
  const reached = new Set<NodeId>();
  if (!hasNode(playbook, nodeId)) return reached;
  const successors = new Map<NodeId, NodeId[]>();
  for (const edge of playbook.edges) {
    if (!hasNode(playbook, edge.to)) continue;
    const list = successors.get(edge.from);
    if (list) list.push(edge.to);
    else successors.set(edge.from, [edge.to]);
  }
  const queue: NodeId[] = [nodeId];
  reached.add(nodeId);
  for (let index = 0; index < queue.length; index += 1) {
    for (const next of successors.get(queue[index]!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}
