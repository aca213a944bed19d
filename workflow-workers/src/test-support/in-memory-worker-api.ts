import { evaluateFilter, type CloseRunWaitRequest, type OpenRunWaitRequest, type OpenRunWaitResult, type ReceivedEvent, type RunEvent } from '@tripline/playbook';
import type { ConnectionRecord, LedgerClaim, LedgerKey, WorkerApi } from '../worker-api/worker-api';
import { WorkerApiError } from '../worker-api/worker-api';
import type {
  CloseApprovalRequest,
  ClosedApprovalRequest,
  EscalateApprovalRequest,
  EscalatedApprovalRequest,
  OpenApprovalRequest,
  OpenedApprovalRequest,
} from '@tripline/playbook';
import type { ChangeLevelTimeoutRequest, ChangeLevelTimeoutResponse, ChangeNotificationsRequest, ChangeNotificationsResponse } from '@tripline/playbook';
import { InMemoryApprovals } from './in-memory-approvals';
import { InMemoryChangeRequests } from './in-memory-change-requests';
import { InMemoryFrequencyCaps } from './in-memory-frequency-caps';
import { InMemoryScores } from './in-memory-scores';
import type { AdjustScoreRequest, AdjustScoreResponse } from '../worker-api/score-types';
import type { FrequencyCapClaim, FrequencyCapClaimRequest, FrequencyCapCommit, FrequencyCapCommitRequest } from '../worker-api/frequency-cap-types';
import type { AddSuppressionsRequest, SuppressionCheck, SuppressionCheckRequest, UnsubscribeLink, UnsubscribeLinkRequest } from '../worker-api/email-suppression-types';

interface LedgerEntry {
  state: 'claimed' | 'completed';
  result?: unknown;
  claims: number;
}

/**
 * The worker API the activities are given in tests: the same contract as the backend's
 * `/internal/*` (ledger semantics included), kept in memory so tests can read what was reported.
 */
export class InMemoryWorkerApi implements WorkerApi {
  readonly events: RunEvent[] = [];
  readonly ledger = new Map<string, LedgerEntry>();
  private readonly connections = new Map<string, ConnectionRecord>();
  /** Waits registered by waitForEvent steps, by `<workflowId>/<stepId>/<visit>`, with how they closed. */
  readonly runWaits = new Map<string, { request: OpenRunWaitRequest; opens: number; closed?: CloseRunWaitRequest }>();
  /** Events a test pretends were stored before a wait registered: `openRunWait` answers 'received' with them. */
  readonly storedEvents: (ReceivedEvent & { subjectId: string })[] = [];
  /** Approval requests, members and requesters (see in-memory-approvals.ts). */
  readonly approvals = new InMemoryApprovals();
  /** Per-contact frequency caps: rules and claims (see in-memory-frequency-caps.ts). */
  readonly frequencyCaps = new InMemoryFrequencyCaps();
  /** Score steps: published models, scores and answered keys (see in-memory-scores.ts). */
  readonly scores = new InMemoryScores();
  /** The email suppression list, by `<workspaceId>/<lower-cased email>` (like the backend: the first reason stays). */
  readonly suppressions = new Map<string, { reason: string; detail?: string; runId?: string }>();
  /** The unsubscribe links handed out, in order. */
  readonly unsubscribeLinks: UnsubscribeLinkRequest[] = [];
  /** Change requests the changeApproval workflow keeps time for, and its calls (see in-memory-change-requests.ts). */
  readonly changeRequests = new InMemoryChangeRequests();

  addConnection(workspaceId: string, connection: ConnectionRecord & { name: string }): void {
    const { name, ...record } = connection;
    this.connections.set(`${workspaceId}/${record.id}`, record);
    this.connections.set(`${workspaceId}/${name}`, record);
  }

  eventsOf(runId: string): RunEvent[] {
    return this.events.filter((event) => event.runId === runId);
  }

  ledgerEntry(workspaceId: string, key: string): LedgerEntry | undefined {
    return this.ledger.get(`${workspaceId}/${key}`);
  }

  async postRunEvent(event: RunEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }

  async getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord> {
    const connection = this.connections.get(`${workspaceId}/${idOrName}`);
    if (!connection) {
      throw new WorkerApiError(`No connection '${idOrName}' in workspace ${workspaceId}`, 404, false);
    }
    return structuredClone(connection);
  }

  async claimLedger({ workspaceId, key }: LedgerKey): Promise<LedgerClaim> {
    const id = `${workspaceId}/${key}`;
    const entry = this.ledger.get(id) ?? { state: 'claimed', claims: 0 };
    entry.claims += 1;
    this.ledger.set(id, entry);
    return entry.state === 'completed' ? { state: 'completed', result: structuredClone(entry.result) } : { state: 'claimed' };
  }

  runWait(workflowId: string, stepId: string, visit = 1) {
    return this.runWaits.get(`${workflowId}/${stepId}/${visit}`);
  }

  /** Like the backend: idempotent per wait; a stored event of the subject, named as awaited and not older than the wait, satisfies it at once. */
  async openRunWait(request: OpenRunWaitRequest): Promise<OpenRunWaitResult> {
    const id = `${request.workflowId}/${request.stepId}/${request.visit}`;
    const wait = this.runWaits.get(id) ?? { request: structuredClone(request), opens: 0 };
    wait.opens += 1;
    this.runWaits.set(id, wait);
    const stored = this.storedEvents.find(
      (event) =>
        event.subjectId === request.subject.id &&
        event.name === request.event.name &&
        event.timestamp >= request.openedAt &&
        (request.event.where === undefined || evaluateFilter(request.event.where, { event })),
    );
    if (!stored) return { status: 'open' };
    const { subjectId: _subjectId, ...event } = stored;
    return { status: 'received', event: structuredClone(event) };
  }

  async closeRunWait(request: CloseRunWaitRequest): Promise<void> {
    const wait = this.runWaits.get(`${request.workflowId}/${request.stepId}/${request.visit}`);
    // Like the backend: closing a wait that never registered (cancelled mid-registration) is a no-op.
    if (wait) wait.closed = structuredClone(request);
  }

  openApprovalRequest(request: OpenApprovalRequest): Promise<OpenedApprovalRequest> {
    return this.approvals.open(request);
  }

  escalateApprovalRequest(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest> {
    return this.approvals.escalate(request);
  }

  closeApprovalRequest(request: CloseApprovalRequest): Promise<ClosedApprovalRequest> {
    return this.approvals.close(request);
  }

  async completeLedger({ workspaceId, key, result }: LedgerKey & { result: unknown }): Promise<void> {
    const entry = this.ledger.get(`${workspaceId}/${key}`);
    if (!entry) throw new WorkerApiError(`Ledger key ${key} was never claimed`, 409, false);
    entry.state = 'completed';
    entry.result = structuredClone(result);
  }

  async claimFrequencyCap(request: FrequencyCapClaimRequest): Promise<FrequencyCapClaim> {
    return this.frequencyCaps.claim(request);
  }

  async commitFrequencyCap(request: FrequencyCapCommitRequest): Promise<FrequencyCapCommit> {
    return this.frequencyCaps.commit(request);
  }

  async adjustScore(request: AdjustScoreRequest): Promise<AdjustScoreResponse> {
    return this.scores.adjust(request);
  }

  suppress(workspaceId: string, email: string, reason = 'unsubscribe'): void {
    const key = `${workspaceId}/${email.trim().toLowerCase()}`;
    if (!this.suppressions.has(key)) this.suppressions.set(key, { reason });
  }

  async checkSuppressions({ workspaceId, emails }: SuppressionCheckRequest): Promise<SuppressionCheck> {
    const suppressed = [...new Set(emails.map((email) => email.trim().toLowerCase()))]
      .filter((email) => this.suppressions.has(`${workspaceId}/${email}`))
      .map((email) => ({ email, reason: this.suppressions.get(`${workspaceId}/${email}`)!.reason }));
    return { suppressed };
  }

  async addSuppressions({ workspaceId, entries, runId }: AddSuppressionsRequest): Promise<void> {
    for (const entry of entries) {
      const key = `${workspaceId}/${entry.email.trim().toLowerCase()}`;
      if (!this.suppressions.has(key)) this.suppressions.set(key, { reason: entry.reason, detail: entry.detail, ...(runId ? { runId } : {}) });
    }
  }

  /** Not signed (the backend signs): tests only check that a link reaches the message. */
  async unsubscribeLink(request: UnsubscribeLinkRequest): Promise<UnsubscribeLink> {
    this.unsubscribeLinks.push(structuredClone(request));
    return { url: `https://tripline.test/v1/unsubscribe/${encodeURIComponent(`${request.workspaceId}:${request.email}:${request.key}`)}` };
  }

  changeNotifications(requestId: string, request: ChangeNotificationsRequest): Promise<ChangeNotificationsResponse> {
    return this.changeRequests.notifications(requestId, request);
  }

  escalateChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.changeRequests.escalate(requestId, request);
  }

  expireChangeLevel(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.changeRequests.expire(requestId, request);
  }
}
