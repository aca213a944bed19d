import type { NodeId, Playbook, Step } from '@tripline/playbook';
import { refused, type EditResult } from './types';

/** Fields of a step to change; a field set to undefined is removed (an empty label, say). */
export type StepPatch = Record<string, unknown>;

export function updateNode(document: Playbook, id: NodeId, patch: StepPatch): EditResult {
  const step = Object.prototype.hasOwnProperty.call(document.nodes, id) ? document.nodes[id] : undefined;
  if (!step) return refused(`There is no step "${id}".`);
  if ('kind' in patch && patch.kind !== step.kind) return refused('A step keeps its kind: add a new step instead.');
  const current = step as unknown as Record<string, unknown>;
  if (Object.entries(patch).every(([key, value]) => current[key] === value)) return { ok: true, document };
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return { ok: true, document: { ...document, nodes: { ...document.nodes, [id]: next as unknown as Step } } };
}

export function setStart(document: Playbook, id: NodeId): EditResult {
  if (!Object.prototype.hasOwnProperty.call(document.nodes, id)) return refused(`There is no step "${id}".`);
  if (document.start === id) return refused(`"${id}" is already the first step.`);
  return { ok: true, document: { ...document, start: id }, message: `The playbook now starts at "${id}".` };
}
