import { parsePlaybook } from '../dsl/parse-playbook';
import type { Playbook, ValidationProblem, ValidationResult } from '../dsl/types';
import { checkCycles } from './checks/cycles';
import { checkDanglingEdges } from './checks/edges';
import { checkNodeConfig } from './checks/node-config';
import { checkPorts } from './checks/ports';
import { checkReachability } from './checks/reachability';
import { checkStart } from './checks/start';
import { checkTriggerConfig } from './checks/trigger-config';

/** The graph checks, in the order their problems are listed. */
const GRAPH_CHECKS: ((playbook: Playbook) => ValidationProblem[])[] = [
  checkStart,
  checkDanglingEdges,
  checkPorts,
  checkTriggerConfig,
  checkNodeConfig,
  checkReachability,
  checkCycles,
];

/**
 * Everything wrong with a playbook. Shape first: if the schema refuses the input, its problems are
 * all that is reported (graph checks need the right shape). Otherwise every graph problem, each
 * tied to the node (nodeId) or edge (edgeIndex) it concerns, so the designer can point at it.
 */
export function validate(input: unknown): ValidationResult {
  const parsed = parsePlaybook(input);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const problems = GRAPH_CHECKS.flatMap((check) => check(parsed.playbook));
  return { ok: problems.length === 0, problems };
}
