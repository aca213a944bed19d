/**
 * The contract of an approval gate between the backend (which delivers a person's decision) and the
 * playbookRun workflow (which judges it): the Update's name and its argument and result. The
 * workflow defines the Update with `defineUpdate` under this name; the backend executes it by name.
 */
import type { NodeId } from '../dsl/types';

/** Name of the Temporal Update that carries a decision to a run waiting at an approval gate. */
export const APPROVAL_DECISION_UPDATE = 'approvalDecision';

export type ApprovalDecision = 'approve' | 'reject';

/** The longest comment a decision may carry. */
export const MAX_APPROVAL_COMMENT_LENGTH = 2000;

/** Who decided: a user id, or the system when the gate timed out and its default outcome applied. */
export const SYSTEM_DECIDER = 'system';

/** Why a gate closed: a person decided, the (escalated) timeout ran out, or the run was cancelled. */
export type ApprovalCloseReason = 'decision' | 'timeout' | 'cancelled';

/** The Update's argument: a person's decision on one approval request. */
export interface ApprovalDecisionRequest {
  /** The approval request's id (the row the inbox shows). */
  requestId: string;
  /** The deciding user's id, as the backend authenticated them. */
  decidedBy: string;
  decision: ApprovalDecision;
  comment?: string | null;
}

/** What a closed gate decided: the Update's result and the gate step's output. */
export interface ApprovalOutcome {
  requestId: string;
  stepId: NodeId;
  decision: ApprovalDecision;
  /** A user id, or SYSTEM_DECIDER. */
  decidedBy: string;
  comment: string | null;
  reason: ApprovalCloseReason;
  /** ISO 8601, workflow time. */
  decidedAt: string;
}

/**
 * Failure types of a refused decision (the validator's ApplicationFailure type), so the backend can
 * tell "not yours to decide" from "already decided" without parsing messages.
 */
export const APPROVAL_REFUSALS = {
  /** The request is not open at this run right now (being opened or escalated: try again shortly). */
  notOpen: 'ApprovalNotOpen',
  alreadyDecided: 'ApprovalAlreadyDecided',
  ownRequest: 'ApprovalOwnRequest',
  notAnApprover: 'ApprovalNotAnApprover',
  invalid: 'ApprovalInvalidDecision',
} as const;

export type ApprovalRefusalType = (typeof APPROVAL_REFUSALS)[keyof typeof APPROVAL_REFUSALS];
