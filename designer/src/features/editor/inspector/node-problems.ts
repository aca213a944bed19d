/**
 * The live validation problems (validate() from @tripline/playbook, as the canvas shows them) that
 * concern one node, or the trigger and enrollment, worded for the node's own panel.
 */
import { formatPath, type NodeId, type ValidationProblem } from '@tripline/playbook';

export function problemsOfNode(problems: readonly ValidationProblem[], nodeId: NodeId): ValidationProblem[] {
  return problems.filter((problem) => problem.nodeId === nodeId);
}

export function problemsOfTrigger(problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.filter((problem) => problem.nodeId === undefined && (problem.path?.[0] === 'trigger' || problem.path?.[0] === 'enrollment'));
}

/**
 * The message without what the panel already says: `node "wait-1": ` and, for schema problems, the
 * node's own path (`nodes.wait-1.for: …` reads `for: …`).
 */
export function problemText(problem: ValidationProblem): string {
  let text = problem.message;
  if (problem.nodeId !== undefined) {
    const nodePrefix = `node "${problem.nodeId}": `;
    if (text.startsWith(nodePrefix)) return text.slice(nodePrefix.length);
    const pathPrefix = `${formatPath(['nodes', problem.nodeId])}.`;
    if (text.startsWith(pathPrefix)) text = text.slice(pathPrefix.length);
  }
  return text;
}

/** What a problem says about its field alone: `nodes.x.input.to: must be…` → `must be…`. */
function fieldMessage(problem: ValidationProblem): string {
  const text = problemText(problem);
  if (problem.code !== 'schema' || !problem.path) return text;
  const prefix = `${formatPath(problem.path)}: `;
  return problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : text;
}

/**
 * Problems under `prefix` (e.g. ['nodes', 'send', 'input']) by the rest of their path joined with
 * dots ("to", "properties.email"), for showing next to the field. The first problem of a field wins.
 */
export function fieldProblems(problems: readonly ValidationProblem[], prefix: readonly (string | number)[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    const path = problem.path;
    if (!path || path.length <= prefix.length || !prefix.every((segment, index) => path[index] === segment)) continue;
    const key = path.slice(prefix.length).join('.');
    if (!byField.has(key)) byField.set(key, fieldMessage(problem));
  }
  return byField;
}
