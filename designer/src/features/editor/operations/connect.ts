/**
 * Drawing an edge. Only what validate() would accept is drawn: a real output port of the source
 * (outputPorts), no edge into the trigger, no self loop, no second identical edge. A port that
 * already leads somewhere is re-pointed (one next node per port), except a parallel's, which fans out.
 */
import { outputPorts, PLAYBOOK_LIMITS, type Edge, type Playbook, type Step } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { refused, type EditResult } from './types';

/** Kinds whose unnamed output may lead to several nodes (as graph/ports.ts `fansOut` says). */
const fansOut = (step: Step) => step.kind === 'parallel';

const portText = (port: string | undefined) => (port === undefined ? 'its output' : `port "${port}"`);

function portsOf(step: Step): (string | undefined)[] {
  try {
    return outputPorts(step);
  } catch {
    return []; // a split whose variants are not written yet
  }
}

/** Why `from` → `to` by `port` cannot be drawn, or null when it can. */
export function connectionProblem(document: Playbook, from: string, to: string, port?: string): string | null {
  if (to === TRIGGER_NODE_ID) return 'Nothing leads into the trigger: it is where the playbook starts.';
  if (!Object.prototype.hasOwnProperty.call(document.nodes, to)) return `There is no step "${to}".`;
  if (from === TRIGGER_NODE_ID) return null;
  const step = Object.prototype.hasOwnProperty.call(document.nodes, from) ? document.nodes[from] : undefined;
  if (!step) return `There is no step "${from}".`;
  if (from === to) return 'A step cannot lead to itself.';
  if (step.kind === 'end') return `"${from}" is an end: nothing comes after it.`;
  const ports = portsOf(step);
  if (!ports.includes(port)) {
    const named = ports.filter((p): p is string => p !== undefined).map((p) => `"${p}"`);
    const offer = ports.includes(undefined) ? ['its output', ...named] : named;
    return `"${from}" has no ${port === undefined ? 'unnamed output' : `port "${port}"`}; use ${offer.join(' or ') || 'a variant port'}.`;
  }
  if (document.edges.some((edge) => edge.from === from && edge.to === to && edge.port === port)) {
    return `"${from}" already leads to "${to}" by ${portText(port)}.`;
  }
  if (document.edges.length >= PLAYBOOK_LIMITS.maxEdges) return `A playbook has at most ${PLAYBOOK_LIMITS.maxEdges} connections.`;
  return null;
}

/** Connects `from` (a step, or the trigger: then `to` becomes the start) to `to`. */
export function connect(document: Playbook, from: string, to: string, port?: string): EditResult {
  const problem = connectionProblem(document, from, to, port);
  if (problem) return refused(problem);
  if (from === TRIGGER_NODE_ID) {
    if (document.start === to) return refused(`"${to}" is already the first step.`);
    return { ok: true, document: { ...document, start: to }, message: `The playbook now starts at "${to}".` };
  }
  const edge: Edge = port === undefined ? { from, to } : { from, to, port };
  const step = document.nodes[from]!;
  const replaced = fansOut(step) ? -1 : document.edges.findIndex((e) => e.from === from && e.port === port);
  if (replaced === -1) return { ok: true, document: { ...document, edges: [...document.edges, edge] } };
  const before = document.edges[replaced]!;
  const edges = document.edges.map((e, index) => (index === replaced ? edge : e));
  return {
    ok: true,
    document: { ...document, edges },
    message: `${portText(port)[0]!.toUpperCase()}${portText(port).slice(1)} of "${from}" now leads to "${to}" instead of "${before.to}".`,
  };
}
