import { APPROVAL_REJECTED_PORT, nextNode, type NodeId, type Playbook, type Step } from '@tripline/playbook';
import type { StepOutcome } from '../steps/step-outcome';

/** Ends the walk when an approval was rejected and no "rejected" edge says where to go: the run compensates. */
export class RunRejected extends Error {
  constructor(readonly nodeId: NodeId) {
    super(`approval ${nodeId} was rejected`);
    this.name = 'RunRejected';
  }
}

export function isRejectedWithoutEdge(playbook: Playbook, step: Step, nodeId: NodeId, outcome: StepOutcome): boolean {
  return step.kind === 'approval' && outcome.port === APPROVAL_REJECTED_PORT && nextNode(playbook, nodeId, APPROVAL_REJECTED_PORT) === undefined;
}

/**
 * Marks the histories in which a failed, cancelled or rejected run compensates. Histories recorded
 * before compensation existed replay without it (their runs simply failed or exited).
 */
export const COMPENSATION_PATCH = 'tripline-compensation-v1';

/** Where the undo stack travels in `resume.carry` across continue-as-new. */
export const UNDO_STACK_CARRY = 'undoStack';
