/**
 * Places a playbook's nodes in layers top to bottom (trigger, start, then each step below everything
 * that leads to it), for drafts that have no saved `layout`. Back edges of loops are ignored for
 * layering; nodes unreachable from `start` go below the reachable graph.
 */
import type { NodeId, Playbook } from '@tripline/playbook';

export interface Point {
  x: number;
  y: number;
}

export const NODE_WIDTH = 240;
export const LAYER_HEIGHT = 150;
export const COLUMN_GAP = 40;

/** Layer index of every node: trigger is layer 0 (not included), `start` layer 1. */
export function assignLayers(playbook: Pick<Playbook, 'start' | 'nodes' | 'edges'>): Map<NodeId, number> {
  const ids = Object.keys(playbook.nodes);
  const exists = new Set(ids);
  const successors = new Map<NodeId, NodeId[]>(ids.map((id) => [id, []]));
  for (const edge of playbook.edges) {
    if (exists.has(edge.from) && exists.has(edge.to)) successors.get(edge.from)!.push(edge.to);
  }

  // Depth-first from start, then from every node not yet seen: marks loop-closing (back) edges.
  const state = new Map<NodeId, 'open' | 'done'>();
  const backEdges = new Set<string>();
  const order: NodeId[] = [];
  const visit = (id: NodeId) => {
    state.set(id, 'open');
    order.push(id);
    for (const next of successors.get(id)!) {
      const seen = state.get(next);
      if (seen === 'open') backEdges.add(`${id}\u0000${next}`);
      else if (!seen) visit(next);
    }
    state.set(id, 'done');
  };
  const hasStart = exists.has(playbook.start);
  if (hasStart) visit(playbook.start);
  const reachable = new Set(order);
  for (const id of ids) if (!state.has(id)) visit(id);

  const predecessors = new Map<NodeId, NodeId[]>(ids.map((id) => [id, []]));
  for (const [from, targets] of successors) {
    for (const to of targets) {
      if (backEdges.has(`${from}\u0000${to}`)) continue;
      if (reachable.has(to) && !reachable.has(from)) continue; // stray nodes must not push the main graph down
      predecessors.get(to)!.push(from);
    }
  }

  const layers = new Map<NodeId, number>();
  const layerOf = (id: NodeId, base: number): number => {
    const known = layers.get(id);
    if (known !== undefined) return known;
    const preds = predecessors.get(id)!;
    const layer = preds.length === 0 ? base : Math.max(...preds.map((p) => layerOf(p, base) + 1));
    layers.set(id, layer);
    return layer;
  };
  let deepest = 0;
  for (const id of order) {
    if (!reachable.has(id)) continue;
    deepest = Math.max(deepest, layerOf(id, 1));
  }
  for (const id of order) if (!reachable.has(id)) layerOf(id, deepest + 1);
  return layers;
}

/**
 * Top-left positions for every node and for the trigger (under `triggerId`, on x = 0).
 * Each node aims for the average column of its parents (a chain stays straight, branches fan out
 * around their parent); nodes of a layer keep at least one column apart.
 */
export function layeredLayout(playbook: Pick<Playbook, 'start' | 'nodes' | 'edges'>, triggerId: string): Map<string, Point> {
  const layers = assignLayers(playbook);
  const rows: NodeId[][] = [];
  for (const [id, layer] of layers) (rows[layer] ??= []).push(id);

  const parents = new Map<NodeId, NodeId[]>();
  for (const edge of playbook.edges) {
    if (layers.has(edge.from) && layers.has(edge.to)) (parents.get(edge.to) ?? parents.set(edge.to, []).get(edge.to)!).push(edge.from);
  }
  const column = new Map<NodeId, number>();
  const positions = new Map<string, Point>();
  positions.set(triggerId, { x: -NODE_WIDTH / 2, y: 0 });

  rows.forEach((row, layer) => {
    if (!row) return;
    const wanted = row.map((id, index) => {
      const placed = (parents.get(id) ?? []).filter((p) => column.has(p) && layers.get(p)! < layer);
      const target = placed.length ? placed.reduce((sum, p) => sum + column.get(p)!, 0) / placed.length : index - (row.length - 1) / 2;
      return { id, index, target };
    });
    wanted.sort((a, b) => a.target - b.target || a.index - b.index);
    const columns = spreadApart(wanted.map((w) => w.target));
    wanted.forEach(({ id }, index) => {
      column.set(id, columns[index]!);
      positions.set(id, { x: columns[index]! * (NODE_WIDTH + COLUMN_GAP) - NODE_WIDTH / 2, y: layer * LAYER_HEIGHT });
    });
  });
  return positions;
}

/**
 * Sorted wished-for columns → columns at least 1 apart, shifted so their mean stays the mean of the
 * wishes: siblings of one parent fan out symmetrically under it.
 */
function spreadApart(targets: number[]): number[] {
  const columns: number[] = [];
  for (const target of targets) columns.push(columns.length ? Math.max(target, columns[columns.length - 1]! + 1) : target);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const shift = mean(targets) - mean(columns);
  return columns.map((c) => c + shift);
}
