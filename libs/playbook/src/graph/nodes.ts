import type { Edge, NodeId, Playbook, Step } from '../dsl/types';

/** Whether `nodeId` is a node of the playbook (own keys only: "constructor" is never a node). */
export function hasNode(playbook: Pick<Playbook, 'nodes'>, nodeId: NodeId): boolean {
  return Object.prototype.hasOwnProperty.call(playbook.nodes, nodeId);
}

/** The step of a node, or undefined when there is no such node. */
export function getStep(playbook: Pick<Playbook, 'nodes'>, nodeId: NodeId): Step | undefined {
  return hasNode(playbook, nodeId) ? playbook.nodes[nodeId] : undefined;
}

/** Edges leaving `nodeId`, in the order they are listed. */
export function outgoingEdges(playbook: Pick<Playbook, 'edges'>, nodeId: NodeId): Edge[] {
  return playbook.edges.filter((edge) => edge.from === nodeId);
}

/** Edges arriving at `nodeId`, in the order they are listed. */
export function incomingEdges(playbook: Pick<Playbook, 'edges'>, nodeId: NodeId): Edge[] {
  return playbook.edges.filter((edge) => edge.to === nodeId);
}

/**
 * Where a run goes after `nodeId` leaves by `port` ("yes"/"no" for a condition, a variant port for
 * a split, none for the rest); undefined when no edge leaves that way (the run ends there).
 */
export function nextNode(playbook: Pick<Playbook, 'edges'>, nodeId: NodeId, port?: string): NodeId | undefined {
  return playbook.edges.find((edge) => edge.from === nodeId && edge.port === port)?.to;
}
