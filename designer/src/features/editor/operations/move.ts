import type { NodeId, Playbook } from '@tripline/playbook';
import { withFullLayout, withPositions } from './layout';
import type { EditResult, Point } from './types';

/** New positions for steps (top-left corners); unknown ids and the trigger (drawn above the start) are ignored. */
export function moveNodes(document: Playbook, positions: Record<NodeId, Point>): EditResult {
  const known = Object.entries(positions).filter(
    ([id, point]) => Object.prototype.hasOwnProperty.call(document.nodes, id) && Number.isFinite(point.x) && Number.isFinite(point.y),
  );
  const pinned = withFullLayout(document);
  const moved = known.filter(([id, point]) => {
    const at = pinned.layout![id]!;
    return at.x !== Math.round(point.x) || at.y !== Math.round(point.y);
  });
  // Nothing moved (a click, not a drag): the same document, so no step in the history.
  if (moved.length === 0) return { ok: true, document };
  return { ok: true, document: withPositions(pinned, Object.fromEntries(moved)) };
}
