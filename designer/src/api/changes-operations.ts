/** Governance operations: version history, change requests, rollbacks and run approval gates. */
import type { ChangeImpact, StructuredDiff } from '@tripline/playbook';
import { graphql } from './client';
import type { User } from './types';

export type ChangeKind = 'publishPlaybook' | 'publishScoringModel' | 'changeThreshold' | 'rollback';
export type ChangeRequestStatus = 'pending' | 'published' | 'recalled' | 'rejected' | 'expired' | 'superseded';
export type ChangeTargetKind = 'playbook' | 'scoringModel';
export type ApprovalDecision = 'APPROVE' | 'REJECT';
export type ApprovalStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

export interface VersionRecord {
  id: string;
  version: number;
  definition: unknown;
  publishedAt: string;
  publishedBy: User | null;
}

/** A playbook with what its history view needs. */
export interface PlaybookHistory {
  id: string;
  name: string;
  draft: unknown;
  publishedVersion: number | null;
  /** Newest first. */
  versions: VersionRecord[];
}

export interface ChangeRequestLevel {
  position: number;
  name: string;
  state: string;
  approvals: number;
  required: number;
  timeout: string;
  escalated: boolean;
  eligibleApprovers: User[];
}

export interface ChangeRequestDecisionRecord {
  id: string;
  attempt: number;
  level: number;
  levelName: string | null;
  decision: ApprovalDecision;
  comment: string | null;
  decidedBy: User | null;
  at: string;
}

export interface ChangeRequest {
  id: string;
  title: string;
  kind: ChangeKind;
  status: ChangeRequestStatus;
  attempt: number;
  targetId: string;
  targetKind: ChangeTargetKind;
  targetName: string;
  baseVersion: number | null;
  rollbackToVersion: number | null;
  publishedVersion: number | null;
  currentLevel: number;
  reason: string | null;
  closedReason: string | null;
  requester: User | null;
  requestedAt: string;
  updatedAt: string;
  canDecide: boolean;
  canRecall: boolean;
  canResubmit: boolean;
  diff: StructuredDiff;
  impact: ChangeImpact | null;
  proposed: unknown;
  levels: ChangeRequestLevel[];
  decisions: ChangeRequestDecisionRecord[];
}

export interface ApprovalRequest {
  id: string;
  playbookId: string;
  playbookName: string;
  playbookVersion: number;
  runId: string;
  stepId: string;
  stepLabel: string | null;
  subject: string;
  status: ApprovalStatus;
  canDecide: boolean;
  requester: User | null;
  approvers: User[];
  createdAt: string;
  dueAt: string;
  decision: ApprovalDecision | null;
  comment: string | null;
  decidedBy: User | null;
  decidedAt: string | null;
  summary: unknown;
}

export interface ImmediateRollback {
  explanation: string;
  publishedVersion: number;
  rolledBackTo: number;
}

const USER = `{ id email name }`;
const CHANGE_REQUEST_FIELDS = `id title kind status attempt targetId targetKind targetName baseVersion rollbackToVersion
  publishedVersion currentLevel reason closedReason requester ${USER} requestedAt updatedAt canDecide canRecall canResubmit
  diff impact proposed
  levels { position name state approvals required timeout escalated eligibleApprovers ${USER} }
  decisions { id attempt level levelName decision comment decidedBy ${USER} at }`;
const APPROVAL_FIELDS = `id playbookId playbookName playbookVersion runId stepId stepLabel subject status canDecide
  requester ${USER} approvers ${USER} createdAt dueAt decision comment decidedBy ${USER} decidedAt summary`;

export async function fetchPlaybookHistory(id: string): Promise<PlaybookHistory | null> {
  const data = await graphql<{ playbook: PlaybookHistory | null }>(
    `query PlaybookHistory($id: ID!) {
      playbook(id: $id) { id name draft publishedVersion versions { id version definition publishedAt publishedBy ${USER} } }
    }`,
    { id },
  );
  return data.playbook;
}

export async function listChangeRequests(filter: { status?: ChangeRequestStatus; targetId?: string } = {}): Promise<ChangeRequest[]> {
  const data = await graphql<{ changeRequests: ChangeRequest[] }>(
    `query ChangeRequests($status: ChangeRequestStatus, $targetId: ID) {
      changeRequests(status: $status, targetId: $targetId) { ${CHANGE_REQUEST_FIELDS} }
    }`,
    { status: filter.status ?? null, targetId: filter.targetId ?? null },
  );
  return data.changeRequests;
}

export async function fetchChangeRequest(id: string): Promise<ChangeRequest> {
  const data = await graphql<{ changeRequest: ChangeRequest }>(
    `query ChangeRequest($id: ID!) { changeRequest(id: $id) { ${CHANGE_REQUEST_FIELDS} } }`,
    { id },
  );
  return data.changeRequest;
}

/** The request a signed approval-email link points to (refused when expired or meant for someone else). */
export async function openChangeRequestLink(token: string): Promise<ChangeRequest> {
  const data = await graphql<{ openChangeRequestLink: ChangeRequest }>(
    `query OpenChangeRequestLink($token: String!) { openChangeRequestLink(token: $token) { ${CHANGE_REQUEST_FIELDS} } }`,
    { token },
  );
  return data.openChangeRequestLink;
}

export interface SubmitChangeInput {
  kind: ChangeKind;
  targetId: string;
  targetKind?: ChangeTargetKind;
  title?: string;
  reason?: string;
  toVersion?: number;
}

export async function submitChangeRequest(input: SubmitChangeInput): Promise<ChangeRequest> {
  const data = await graphql<{ submitChangeRequest: ChangeRequest }>(
    `mutation SubmitChangeRequest($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} } }`,
    { input },
  );
  return data.submitChangeRequest;
}

export async function recallChangeRequest(id: string): Promise<ChangeRequest> {
  const data = await graphql<{ recallChangeRequest: ChangeRequest }>(
    `mutation RecallChangeRequest($id: ID!) { recallChangeRequest(id: $id) { ${CHANGE_REQUEST_FIELDS} } }`,
    { id },
  );
  return data.recallChangeRequest;
}

export async function resubmitChangeRequest(id: string): Promise<ChangeRequest> {
  const data = await graphql<{ resubmitChangeRequest: ChangeRequest }>(
    `mutation ResubmitChangeRequest($id: ID!) { resubmitChangeRequest(id: $id) { ${CHANGE_REQUEST_FIELDS} } }`,
    { id },
  );
  return data.resubmitChangeRequest;
}

export async function decideChangeRequest(input: {
  id: string;
  attempt: number;
  decision: ApprovalDecision;
  comment?: string;
}): Promise<ChangeRequest> {
  const data = await graphql<{ decideChangeRequest: ChangeRequest }>(
    `mutation DecideChangeRequest($input: DecideChangeRequestInput!) { decideChangeRequest(input: $input) { ${CHANGE_REQUEST_FIELDS} } }`,
    { input },
  );
  return data.decideChangeRequest;
}

/** Admins: roll back without approvals; FORBIDDEN (naming the figures) when the policy's criterion does not hold. */
export async function rollbackNow(input: { targetId: string; targetKind: ChangeTargetKind; toVersion?: number }): Promise<ImmediateRollback> {
  const data = await graphql<{ rollbackNow: ImmediateRollback }>(
    `mutation RollbackNow($input: RollbackNowInput!) { rollbackNow(input: $input) { explanation publishedVersion rolledBackTo } }`,
    { input },
  );
  return data.rollbackNow;
}

export async function listApprovalRequests(status?: ApprovalStatus): Promise<ApprovalRequest[]> {
  const data = await graphql<{ approvalRequests: ApprovalRequest[] }>(
    `query ApprovalRequests($status: ApprovalStatus) { approvalRequests(status: $status) { ${APPROVAL_FIELDS} } }`,
    { status: status ?? null },
  );
  return data.approvalRequests;
}

export async function decideApproval(input: { id: string; decision: ApprovalDecision; comment?: string }): Promise<ApprovalRequest> {
  const data = await graphql<{ decideApproval: ApprovalRequest }>(
    `mutation DecideApproval($input: DecideApprovalInput!) { decideApproval(input: $input) { ${APPROVAL_FIELDS} } }`,
    { input },
  );
  return data.decideApproval;
}
