import { APPROVAL_REFUSALS, type ApprovalDecision, type ApprovalRefusalType } from './approval-update';

/** What the validator knows about a gate when a decision arrives. */
export interface ApprovalGateState {
  /** Users who may decide now; after an escalation, only the escalation's assignees. */
  approverIds: readonly string[];
  /** The user who published the playbook version the run uses; never allowed to decide (four eyes). */
  requesterId: string | null;
  /** Set once the gate has a decision (a person's or the timeout's). */
  decided: boolean;
}

export interface ApprovalDecider {
  userId: string;
  decision: ApprovalDecision;
}

export interface ApprovalRefusal {
  type: ApprovalRefusalType;
  message: string;
}

/**
 * Why `decider` may not decide this gate, or null when they may. The order matters for what a
 * person reads: a closed gate is closed for everyone; the requester hears it is their own request
 * even when they are also listed as an assignee.
 */
export function approvalDecisionRefusal(gate: ApprovalGateState, decider: ApprovalDecider): ApprovalRefusal | null {
  if (decider.decision !== 'approve' && decider.decision !== 'reject') {
    return { type: APPROVAL_REFUSALS.invalid, message: `decision must be 'approve' or 'reject' (got '${String(decider.decision)}')` };
  }
  if (gate.decided) return { type: APPROVAL_REFUSALS.alreadyDecided, message: 'This approval request has already been decided' };
  if (gate.requesterId !== null && decider.userId === gate.requesterId) {
    return {
      type: APPROVAL_REFUSALS.ownRequest,
      message: 'You cannot decide your own request: you published the playbook version this run uses',
    };
  }
  if (!gate.approverIds.includes(decider.userId)) {
    return { type: APPROVAL_REFUSALS.notAnApprover, message: 'You are not an approver of this request' };
  }
  return null;
}

/** The rule as one message: why `decider` may not decide, or null when they may. */
export function approvalDecisionProblem(gate: ApprovalGateState, decider: ApprovalDecider): string | null {
  return approvalDecisionRefusal(gate, decider)?.message ?? null;
}
