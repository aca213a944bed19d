import { CancellationScope } from '@temporalio/workflow';
import { outgoingEdges, type NodeId, type ParallelStep, type Playbook } from '@tripline/playbook';
import { runFailure } from '../failure-message';
import type { PathEnd } from '../interpreter/walk';
import type { StepContext, StepOutcome } from './step-outcome';

/** The parallel step itself only says where its branches go; the interpreter forks them (forkBranches). */
export function runParallelStep(_step: ParallelStep, { run, nodeId }: StepContext): StepOutcome {
  return { output: { branches: outgoingEdges(run.playbook, nodeId).map((edge) => edge.to) } };
}

/**
 * Runs one branch per outgoing edge of a parallel node, concurrently, each its own path through
 * the graph, and waits for all of them. The rules:
 * - a branch stops when it reaches a join; the fork goes on at that join once every branch it
 *   started has arrived there or ended (the join runs once, then its edge is followed once);
 * - a branch that ends (end node, or no edge for its port) before any join counts as arrived;
 *   if every branch ended, the path ends: `completed` if one of them reached an end node,
 *   `exited` otherwise;
 * - branches that meet at different joins are a mistake in the playbook and fail the run (a join
 *   merges the branches of the innermost parallel whose branches reach it);
 * - when a branch fails, the others are cancelled, and the run fails with the first failure once
 *   they have stopped (so nothing keeps running while the failure is handled).
 * Nested parallels fork inside a branch the same way.
 */
export async function forkBranches(playbook: Playbook, nodeId: NodeId, walkBranch: (start: NodeId) => Promise<PathEnd>): Promise<PathEnd> {
  const starts = outgoingEdges(playbook, nodeId).map((edge) => edge.to);
  if (starts.length === 0) return { kind: 'exited' };

  const branches = new CancellationScope();
  let firstFailure: { error: unknown } | undefined;
  const settled = await branches.run(() =>
    Promise.allSettled(
      starts.map((start) =>
        walkBranch(start).catch((error: unknown) => {
          if (firstFailure === undefined) {
            firstFailure = { error };
            branches.cancel();
          }
          throw error;
        }),
      ),
    ),
  );
  if (firstFailure !== undefined) throw firstFailure.error;

  const ends = settled.map((result) => (result as PromiseFulfilledResult<PathEnd>).value);
  const joins = [...new Set(ends.flatMap((end) => (end.kind === 'joined' ? [end.joinId] : [])))];
  if (joins.length > 1) {
    throw runFailure(
      `the branches of parallel node ${nodeId} arrived at different joins (${joins.join(', ')}); lead every branch of a parallel to the same join`,
      'InvalidPlaybook',
    );
  }
  if (joins.length === 1) return { kind: 'joined', joinId: joins[0]! };
  return ends.some((end) => end.kind === 'completed') ? { kind: 'completed' } : { kind: 'exited' };
}
