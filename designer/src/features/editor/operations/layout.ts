/** Node positions as the document stores them (`layout`, designer-only, never read at run time). */
import type { NodeId, Playbook } from '@tripline/playbook';
import { nodePositions } from '../../../canvas/to-flow';
import type { Point } from './types';

const rounded = (point: Point): Point => ({ x: Math.round(point.x), y: Math.round(point.y) });

/**
 * The document with a saved position for every node and none for nodes that are gone. Nodes the
 * layered layout placed are pinned where they are drawn now, so an edit never makes the picture jump.
 */
export function withFullLayout(document: Playbook): Playbook {
  const ids = Object.keys(document.nodes);
  const saved = document.layout ?? {};
  const complete = ids.every((id) => Object.prototype.hasOwnProperty.call(saved, id)) && Object.keys(saved).length === ids.length;
  if (document.layout && complete) return document;
  const drawn = nodePositions(document);
  const layout: Record<NodeId, Point> = {};
  for (const id of ids) layout[id] = rounded(drawn.get(id)!);
  return { ...document, layout };
}

export function withPositions(document: Playbook, positions: Record<NodeId, Point>): Playbook {
  const base = withFullLayout(document);
  return { ...base, layout: { ...base.layout, ...Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, rounded(p)])) } };
}
