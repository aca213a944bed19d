import type { Playbook, ValidationProblem } from '../../dsl/types';
import { getStep } from '../../graph/nodes';
import { fansOut, outputPorts } from '../../graph/ports';
import { edgeProblem } from '../problem';

const portName = (port: string | undefined) => (port === undefined ? 'its output' : `port "${port}"`);

/**
 * invalid_port: condition edges use port yes/no, split edges a declared variant port, other kinds
 * no port, and an end has no outgoing edges.
 * missing_port: a branch with no edge is allowed (the run ends there), so what this code flags is
 * the opposite mistake: two edges leaving the same port, which would make the next step ambiguous.
 */
export function checkPorts(playbook: Playbook): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  playbook.edges.forEach((edge, index) => {
    const step = getStep(playbook, edge.from);
    if (!step) return; // reported as dangling_edge
    const from = `"${edge.from}"`;
    let portProblem: string | undefined;
    if (step.kind === 'end') {
      portProblem = `leaves end node ${from}; an end has no outgoing edges`;
    } else if (step.kind === 'condition') {
      if (edge.port !== 'yes' && edge.port !== 'no') {
        portProblem =
          edge.port === undefined
            ? `leaves condition ${from} without a port; use "yes" or "no"`
            : `leaves condition ${from} by port "${edge.port}"; use "yes" or "no"`;
      }
    } else if (step.kind === 'split') {
      const ports = step.variants.map((variant) => variant.port);
      if (edge.port === undefined || !ports.includes(edge.port)) {
        const declared = ports.length > 0 ? ports.map((port) => `"${port}"`).join(', ') : 'none declared yet';
        portProblem = `leaves split ${from} by ${edge.port === undefined ? 'no port' : `port "${edge.port}"`}; use one of its variant ports (${declared})`;
      }
    } else if (!outputPorts(step).includes(edge.port)) {
      // Named ports of waiting steps: waitForEvent "received", approval "rejected" (graph/ports.ts).
      const named = outputPorts(step).filter((port): port is string => port !== undefined);
      portProblem = named.length > 0
        ? `leaves ${step.kind} node ${from} by port "${edge.port}"; use no port or ${named.map((port) => `"${port}"`).join(', ')}`
        : `leaves ${step.kind} node ${from} by port "${edge.port}"; only conditions and splits have ports`;
    }
    if (portProblem) {
      problems.push(edgeProblem('invalid_port', index, portProblem, edge.from));
      return;
    }
    const key = fansOut(step) ? `${edge.from}\u0000${edge.port ?? ''}\u0000${edge.to}` : `${edge.from}\u0000${edge.port ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      const what = fansOut(step) ? `repeats edge ${first} (same node, same target)` : `is a second edge from ${portName(edge.port)} (edge ${first} is the first)`;
      problems.push(edgeProblem('missing_port', index, `${what} of ${step.kind} node ${from}; each port leads to one next node`, edge.from));
    }
  });
  return problems;
}
