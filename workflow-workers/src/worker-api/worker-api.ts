import type { CloseRunWaitRequest, OpenRunWaitRequest, OpenRunWaitResult, RunEvent } from '@tripline/playbook';
import type {
  CloseApprovalRequest,
  ClosedApprovalRequest,
  EscalateApprovalRequest,
  EscalatedApprovalRequest,
  OpenApprovalRequest,
  OpenedApprovalRequest,
} from '@tripline/playbook';
import type { ChangeLevelTimeoutRequest, ChangeLevelTimeoutResponse, ChangeNotificationsRequest, ChangeNotificationsResponse } from '@tripline/playbook';

import type { AdjustScoreRequest, AdjustScoreResponse } from './score-types';
import type { FrequencyCapClaim, FrequencyCapClaimRequest, FrequencyCapCommit, FrequencyCapCommitRequest } from './frequency-cap-types';
import type { AddSuppressionsRequest, SuppressionCheck, SuppressionCheckRequest, UnsubscribeLink, UnsubscribeLinkRequest } from './email-suppression-types';
import type { VendorQuotaReport } from './vendor-quota-types';

/** A connection as the API hands it to the worker: config decrypted, so it must never be logged. */
export interface ConnectionRecord {
  id: string;
  connector: string;
  config: Record<string, unknown>;
}

/** The side-effect ledger's answer: act (`claimed`) or return what was recorded (`completed`). */
export type LedgerClaim = { state: 'claimed' } | { state: 'completed'; result: unknown };

export interface LedgerKey {
  workspaceId: string;
  key: string;
}

/**
 * What the worker needs from the API (`/internal/*`, docs/architecture.md). An interface so the
 * activities take it as a dependency: the HTTP client in production, an in-memory one in tests.
 */
export interface WorkerApi {
  postRunEvent(event: RunEvent): Promise<void>;
  getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord>;
  claimLedger(request: LedgerKey): Promise<LedgerClaim>;
  completeLedger(request: LedgerKey & { result: unknown }): Promise<void>;
  /** Reserves a contact for an outreach step under the workspace's frequency caps (idempotent per key). */
  claimFrequencyCap(request: FrequencyCapClaimRequest): Promise<FrequencyCapClaim>;
  /** Turns a reservation into an outreach that counts, unless a higher-priority run took it over. */
  commitFrequencyCap(request: FrequencyCapCommitRequest): Promise<FrequencyCapCommit>;
  /** Registers a waitForEvent step's wait (idempotent per workflow, step and visit). */
  openRunWait(request: OpenRunWaitRequest): Promise<OpenRunWaitResult>;
  closeRunWait(request: CloseRunWaitRequest): Promise<void>;
  /** Approval gates (idempotent by key; the API resolves assignees and finds the requester). */
  openApprovalRequest(request: OpenApprovalRequest): Promise<OpenedApprovalRequest>;
  escalateApprovalRequest(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest>;
  closeApprovalRequest(request: CloseApprovalRequest): Promise<ClosedApprovalRequest>;
  /** Score step: adds points to the subject's live score (or reads it), once per ledger key. */
  adjustScore(request: AdjustScoreRequest): Promise<AdjustScoreResponse>;
  /** Email outreach: which recipients are on the workspace's suppression list. */
  checkSuppressions(request: SuppressionCheckRequest): Promise<SuppressionCheck>;
  /** Email outreach: puts hard-bounced addresses on the suppression list (idempotent). */
  addSuppressions(request: AddSuppressionsRequest): Promise<void>;
  /** Email outreach: the recipient's signed unsubscribe links for List-Unsubscribe. */
  unsubscribeLink(request: UnsubscribeLinkRequest): Promise<UnsubscribeLink>;
  /** changeApproval: the emails to send now for a level of a change request (`stale` when it moved on). */
  changeNotifications(requestId: string, request: ChangeNotificationsRequest): Promise<ChangeNotificationsResponse>;
  /** changeApproval: a level's timeout passed; the API adds its escalation approvers. */
  escalateChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse>;
  /** changeApproval: a level's last timeout passed; the API expires the request. */
  expireChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse>;
  /** Connection budgets: the quota a vendor reported with an answer (optional: test doubles may leave it out). */
  reportVendorQuota?(workspaceId: string, connection: string, report: VendorQuotaReport): Promise<void>;
}

/** A failed call to the API; `retryable` for 5xx, timeouts and connection errors, not for 4xx. */
export class WorkerApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WorkerApiError';
  }
}
