/**
 * The worker API's approval endpoints (`/internal/approvals`): what the workflow's activities send
 * and what the backend answers. Shared so the two cannot drift apart.
 */
import type { Assignees, NodeId } from '../dsl/types';
import type { ApprovalContextSummary } from './approval-summary';
import type { ApprovalOutcome } from './approval-update';

export type ApprovalRequestStatus = 'pending' | 'approved' | 'rejected' | 'expired';

/** POST /internal/approvals: opens (or finds, by `key`) the request of one visit of a gate. */
export interface OpenApprovalRequest {
  workspaceId: string;
  runId: string;
  /** `${workflowId}:${stepId}:${visit}`: a retry or reset finds the same request. */
  key: string;
  stepId: NodeId;
  visit: number;
  stepLabel: string | null;
  assignees: Assignees;
  escalateTo: Assignees | null;
  summary: ApprovalContextSummary;
  /** ISO 8601: when the (first) timeout runs out. */
  dueAt: string;
}

export interface OpenedApprovalRequest {
  requestId: string;
  status: ApprovalRequestStatus;
  /** Who may decide now (after an escalation: the escalation's assignees). */
  approverIds: string[];
  /** The publisher of the run's playbook version; never an approver. */
  requesterId: string | null;
  escalatedAt: string | null;
  /** Set when the request was already closed (a reset replayed the gate): the run uses it as is. */
  outcome: ApprovalOutcome | null;
}

/** POST /internal/approvals/:id/escalate: reassigns the request to its `escalateTo`. */
export interface EscalateApprovalRequest {
  workspaceId: string;
  requestId: string;
  /** ISO 8601: when the escalated timeout runs out. */
  dueAt: string;
  /** ISO 8601, workflow time. */
  at: string;
}

export interface EscalatedApprovalRequest {
  approverIds: string[];
  escalatedAt: string;
}

/** POST /internal/approvals/:id/close: records the decision the workflow accepted. */
export interface CloseApprovalRequest extends Omit<ApprovalOutcome, 'stepId'> {
  workspaceId: string;
}

export interface ClosedApprovalRequest {
  requestId: string;
  status: ApprovalRequestStatus;
}

/** The status a closed request gets: expired when no person decided it (timeout, cancelled run). */
export function closedStatus(outcome: Pick<ApprovalOutcome, 'decision' | 'reason'>): ApprovalRequestStatus {
  if (outcome.reason !== 'decision') return 'expired';
  return outcome.decision === 'approve' ? 'approved' : 'rejected';
}
