/** What every editor operation takes and gives: a new document (never a mutated one) or why not. */
import type { Edge, NodeId, Playbook } from '@tripline/playbook';

export interface Point {
  x: number;
  y: number;
}

/** What is selected on the canvas: node ids (the trigger included) and edges by their key. */
export interface Selection {
  nodes: NodeId[];
  edges: string[];
}

export const EMPTY_SELECTION: Selection = Object.freeze({ nodes: [], edges: [] }) as Selection;

export type EditResult =
  | { ok: true; document: Playbook; selection?: Selection; message?: string }
  | { ok: false; message: string };

export const refused = (message: string): EditResult => ({ ok: false, message });

/**
 * An edge's identity: its ends and port. Edge indexes shift when an edge is removed; this key does
 * not, and the editor never lets two edges share it.
 */
export function edgeKey(edge: Pick<Edge, 'from' | 'to' | 'port'>): string {
  return `${edge.from}\u0000${edge.port ?? ''}\u0000${edge.to}`;
}
