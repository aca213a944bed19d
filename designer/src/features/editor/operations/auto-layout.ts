import type { Playbook } from '@tripline/playbook';
import { layeredLayout } from '../../../canvas/layered-layout';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import type { EditResult } from './types';

/** Every step placed by the layered layout (trigger, start, then each step below what leads to it). */
export function autoLayout(document: Playbook): EditResult {
  const positions = layeredLayout(document, TRIGGER_NODE_ID);
  const layout = Object.fromEntries(
    Object.keys(document.nodes).map((id) => {
      const point = positions.get(id)!;
      return [id, { x: Math.round(point.x), y: Math.round(point.y) }];
    }),
  );
  return { ok: true, document: { ...document, layout } };
}
