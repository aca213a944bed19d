/**
 * A draft is JSON a person is typing: it may be anything. The canvas draws it as soon as it has the
 * shape of a graph (trigger, nodes with a kind, edges with ends); full validation is the API's job.
 */
import type { Playbook } from '@tripline/playbook';

export type DrawableResult = { ok: true; playbook: Playbook } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function asDrawablePlaybook(value: unknown): DrawableResult {
  if (!isObject(value)) return { ok: false, reason: 'the draft must be a JSON object' };
  if (!isObject(value.trigger)) return { ok: false, reason: '"trigger" must be an object' };
  if (!isObject(value.nodes)) return { ok: false, reason: '"nodes" must be an object of steps keyed by id' };
  for (const [id, step] of Object.entries(value.nodes)) {
    if (!isObject(step) || typeof step.kind !== 'string') {
      return { ok: false, reason: `node "${id}" must be an object with a "kind"` };
    }
  }
  if (!Array.isArray(value.edges)) return { ok: false, reason: '"edges" must be an array' };
  for (const [index, edge] of value.edges.entries()) {
    if (!isObject(edge) || typeof edge.from !== 'string' || typeof edge.to !== 'string') {
      return { ok: false, reason: `edge ${index} must have "from" and "to" node ids` };
    }
    if (edge.port !== undefined && typeof edge.port !== 'string') {
      return { ok: false, reason: `edge ${index} has a "port" that is not a string` };
    }
  }
  if (value.start !== undefined && typeof value.start !== 'string') return { ok: false, reason: '"start" must be a node id' };
  return { ok: true, playbook: value as unknown as Playbook };
}
