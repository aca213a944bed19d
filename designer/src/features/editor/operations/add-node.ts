import { NODE_ID_PATTERN, PLAYBOOK_LIMITS, type NodeId, type Playbook, type Step, type StepKind } from '@tripline/playbook';
import { defaultStep } from './default-steps';
import { withFullLayout, withPositions } from './layout';
import { freshNodeId } from './node-ids';
import { refused, type EditResult, type Point } from './types';

/** A step to add: a kind (its defaults) or a prepared step (a palette preset), with the id it is named after. */
export type NewStep = StepKind | { step: Step; idBase?: string };

export const isNodeTaken = (document: Playbook) => (id: NodeId) =>
  Object.prototype.hasOwnProperty.call(document.nodes, id) || Object.prototype.hasOwnProperty.call(document.layout ?? {}, id);

/** A playbook whose `start` names no node starts at the first node added to it. */
export function withStart(document: Playbook, candidate: NodeId): Playbook {
  return Object.prototype.hasOwnProperty.call(document.nodes, document.start) ? document : { ...document, start: candidate };
}

/** Adds one step at `position` (its top-left corner on the canvas), under a fresh id, and selects it. */
export function addNode(document: Playbook, newStep: NewStep, position: Point): EditResult & { nodeId?: NodeId } {
  if (Object.keys(document.nodes).length >= PLAYBOOK_LIMITS.maxNodes) {
    return refused(`A playbook has at most ${PLAYBOOK_LIMITS.maxNodes} steps.`);
  }
  const step = typeof newStep === 'string' ? defaultStep(newStep) : structuredClone(newStep.step);
  const base = typeof newStep === 'string' ? newStep : (newStep.idBase ?? step.kind);
  const nodeId = freshNodeId(base, isNodeTaken(document));
  if (!NODE_ID_PATTERN.test(nodeId)) return refused(`"${nodeId}" is not a valid node id.`);
  // Pin the drawing first: the new node must not move the ones already placed by the layered layout.
  const pinned = withFullLayout(document);
  const added: Playbook = withPositions({ ...pinned, nodes: { ...pinned.nodes, [nodeId]: step } }, { [nodeId]: position });
  return { ok: true, document: withStart(added, nodeId), selection: { nodes: [nodeId], edges: [] }, nodeId };
}
