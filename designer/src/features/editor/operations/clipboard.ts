/**
 * Copy and paste of steps. A copy keeps the steps, their positions and the edges between them;
 * pasting gives every step a fresh id (so ids stay unique), keeps those inner edges, and selects
 * what was pasted, shifted so it does not sit exactly on the original.
 */
import { PLAYBOOK_LIMITS, type Edge, type NodeId, type Playbook, type Step } from '@tripline/playbook';
import { isNodeTaken, withStart } from './add-node';
import { withFullLayout } from './layout';
import { freshNodeId } from './node-ids';
import { refused, type EditResult, type Point, type Selection } from './types';

export interface Clipboard {
  nodes: Record<NodeId, Step>;
  /** Edges whose both ends were copied. */
  edges: Edge[];
  layout: Record<NodeId, Point>;
}

export function copySelection(document: Playbook, selection: Selection): Clipboard | null {
  const ids = selection.nodes.filter((id) => Object.prototype.hasOwnProperty.call(document.nodes, id));
  if (ids.length === 0) return null;
  const copied = new Set(ids);
  const { layout } = withFullLayout(document);
  return structuredClone({
    nodes: Object.fromEntries(ids.map((id) => [id, document.nodes[id]!])),
    edges: document.edges.filter((edge) => copied.has(edge.from) && copied.has(edge.to)),
    layout: Object.fromEntries(ids.map((id) => [id, layout![id]!])),
  });
}

export function pasteClipboard(document: Playbook, clipboard: Clipboard, offset: Point): EditResult & { ids?: Record<NodeId, NodeId> } {
  const oldIds = Object.keys(clipboard.nodes);
  if (oldIds.length === 0) return refused('Nothing to paste: copy some steps first.');
  if (Object.keys(document.nodes).length + oldIds.length > PLAYBOOK_LIMITS.maxNodes) {
    return refused(`A playbook has at most ${PLAYBOOK_LIMITS.maxNodes} steps.`);
  }
  if (document.edges.length + clipboard.edges.length > PLAYBOOK_LIMITS.maxEdges) {
    return refused(`A playbook has at most ${PLAYBOOK_LIMITS.maxEdges} connections.`);
  }
  const pinned = withFullLayout(document);
  const taken = isNodeTaken(pinned);
  const assigned = new Set<NodeId>();
  const ids: Record<NodeId, NodeId> = {};
  for (const oldId of oldIds) {
    const id = freshNodeId(oldId, (candidate) => taken(candidate) || assigned.has(candidate));
    assigned.add(id);
    ids[oldId] = id;
  }
  const copy = structuredClone(clipboard);
  const nodes = { ...pinned.nodes };
  const layout = { ...pinned.layout };
  for (const oldId of oldIds) {
    nodes[ids[oldId]!] = copy.nodes[oldId]!;
    const at = copy.layout[oldId] ?? { x: 0, y: 0 };
    layout[ids[oldId]!] = { x: Math.round(at.x + offset.x), y: Math.round(at.y + offset.y) };
  }
  const edges = [...pinned.edges, ...copy.edges.map((edge) => ({ ...edge, from: ids[edge.from]!, to: ids[edge.to]! }))];
  // A pasted group with no step before it in the group: the natural first step if the playbook has none.
  const firstPasted = oldIds.find((id) => !copy.edges.some((edge) => edge.to === id)) ?? oldIds[0]!;
  const pasted = withStart({ ...pinned, nodes, edges, layout }, ids[firstPasted]!);
  return { ok: true, document: pasted, selection: { nodes: Object.values(ids), edges: [] }, ids };
}
