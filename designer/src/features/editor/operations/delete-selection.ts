/**
 * Deleting what is selected: steps with every edge that touches them, and selected edges. The
 * trigger stays (a playbook always has one). When the first step goes, the playbook starts at the
 * one step the deleted ones led to; if that is not a single step, `start` is cleared and validation
 * asks for it.
 */
import type { NodeId, Playbook } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { EMPTY_SELECTION, edgeKey, refused, type EditResult, type Selection } from './types';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The surviving steps the run would reach first from `start` if the deleted ones were skipped. */
function survivorsAfter(document: Playbook, deleted: ReadonlySet<NodeId>): NodeId[] {
  const found: NodeId[] = [];
  const seen = new Set<NodeId>([document.start]);
  const queue = [document.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of document.edges) {
      if (edge.from !== id || seen.has(edge.to) || !Object.prototype.hasOwnProperty.call(document.nodes, edge.to)) continue;
      seen.add(edge.to);
      if (deleted.has(edge.to)) queue.push(edge.to);
      else found.push(edge.to);
    }
  }
  return found;
}

export function deleteSelection(document: Playbook, selection: Selection): EditResult {
  const nodes = new Set(selection.nodes.filter((id) => id !== TRIGGER_NODE_ID && Object.prototype.hasOwnProperty.call(document.nodes, id)));
  const edgeKeys = new Set(selection.edges);
  const keptEdges = document.edges.filter((edge) => !nodes.has(edge.from) && !nodes.has(edge.to) && !edgeKeys.has(edgeKey(edge)));
  const removedEdges = document.edges.length - keptEdges.length;
  if (nodes.size === 0 && removedEdges === 0) {
    return refused(selection.nodes.includes(TRIGGER_NODE_ID) ? 'The trigger cannot be deleted: choose another one from the palette.' : 'Nothing selected to delete.');
  }

  let start = document.start;
  let startNote = '';
  if (nodes.has(document.start)) {
    const next = survivorsAfter(document, nodes);
    start = next.length === 1 ? next[0]! : '';
    startNote =
      next.length === 1
        ? ` The playbook now starts at "${start}".`
        : ' The first step is gone: connect the trigger to the step the playbook should start with.';
  }

  const remainingNodes = Object.fromEntries(Object.entries(document.nodes).filter(([id]) => !nodes.has(id)));
  const result: Playbook = { ...document, start, nodes: remainingNodes, edges: keptEdges };
  if (document.layout) result.layout = Object.fromEntries(Object.entries(document.layout).filter(([id]) => !nodes.has(id)));
  const parts = [nodes.size ? plural(nodes.size, 'step', 'steps') : '', removedEdges ? plural(removedEdges, 'connection', 'connections') : ''];
  return { ok: true, document: result, selection: EMPTY_SELECTION, message: `Deleted ${parts.filter(Boolean).join(' and ')}.${startNote}` };
}
