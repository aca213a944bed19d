import { getStep, nextNode, type NodeId, type PlaybookRunInput, type Step } from '@tripline/playbook';
import { runFailure } from '../failure-message';
import { forkBranches } from '../steps/parallel-step';
import type { StepContext, StepOutcome } from '../steps/step-outcome';
import type { RunState } from './run-state';

/**
 * How a path through the graph ended: at an end node (`completed`), where no edge leaves by the
 * chosen port (`exited`), or — for a branch of a parallel — on arriving at a join (`joined`).
 */
export type PathEnd = { kind: 'completed' } | { kind: 'exited' } | { kind: 'joined'; joinId: NodeId };

export interface Interpreter {
  run: PlaybookRunInput;
  state: RunState;
  /** Runs one step with its status reported (playbook-run.ts: the step dispatch). */
  runStep(step: Step, context: StepContext): Promise<StepOutcome>;
  /** Between two steps of the main path: may continue as new (then it never returns). */
  checkpoint(nextNodeId: NodeId): Promise<void>;
}

/**
 * Follows edges from `from`, one step at a time. On the main path (`inBranch` false) a join is an
 * ordinary step and the run may continue as new between steps; inside a branch of a parallel the
 * walk stops on reaching a join, which the fork then runs once for all its branches.
 */
export async function walk(interpreter: Interpreter, from: NodeId, inBranch: boolean): Promise<PathEnd> {
  const { run, state } = interpreter;
  let nodeId: NodeId | undefined = from;
  while (nodeId !== undefined) {
    if (!inBranch) await interpreter.checkpoint(nodeId);
    const step = getStep(run.playbook, nodeId);
    if (!step) throw runFailure(`the playbook has no node '${nodeId}'`, 'InvalidPlaybook');
    if (step.kind === 'join' && inBranch) return { kind: 'joined', joinId: nodeId };

    const outcome = await runCounted(interpreter, step, nodeId);
    if (step.kind === 'end') return { kind: 'completed' };
    if (step.kind !== 'parallel') {
      nodeId = nextNode(run.playbook, nodeId, outcome.port);
      continue;
    }

    const forked = await forkBranches(run.playbook, nodeId, (branchStart) => walk(interpreter, branchStart, true));
    if (forked.kind !== 'joined') return forked;
    // Every branch has arrived (or ended): the join runs once and the path goes on from it.
    const join = getStep(run.playbook, forked.joinId)!;
    const joined = await runCounted(interpreter, join, forked.joinId);
    nodeId = nextNode(run.playbook, forked.joinId, joined.port);
  }
  return { kind: 'exited' };
}

function runCounted(interpreter: Interpreter, step: Step, nodeId: NodeId): Promise<StepOutcome> {
  const visit = interpreter.state.enter(nodeId);
  // Workflow time: the same instant the step's "running" event carries.
  return interpreter.runStep(step, { run: interpreter.run, nodeId, visit, startedAt: Date.now() });
}
