import type {
  ChangeLevelTimeoutRequest,
  ChangeLevelTimeoutResponse,
  ChangeNotificationMessage,
  ChangeNotificationsRequest,
  ChangeNotificationsResponse,
  ChangeRequestStatus,
} from '@tripline/playbook';
import { WorkerApiError } from '../worker-api/worker-api';

/** A member who may decide at a level. */
export interface InMemoryChangeApprover {
  userId: string;
  email: string;
}

export interface InMemoryChangeLevel {
  approvers: InMemoryChangeApprover[];
  /** Added when the level escalates. */
  escalateTo?: InMemoryChangeApprover[];
}

export interface InMemoryChangeRequest {
  workspaceId: string;
  requestId: string;
  title: string;
  attempt: number;
  /** policy.notifications.emailConnection: null sends nothing. */
  connection: string | null;
  levels: InMemoryChangeLevel[];
  level: number;
  status: ChangeRequestStatus;
  /** Levels that escalated. */
  escalated: Set<number>;
  /** Users who decided, per level. */
  decided: Map<number, Set<string>>;
}

/** Every call the worker made, in order, with the API's answer. */
export type InMemoryChangeCall =
  | { endpoint: 'notifications'; requestId: string; request: ChangeNotificationsRequest; answer: ChangeNotificationsResponse }
  | { endpoint: 'escalate' | 'expire'; requestId: string; request: ChangeLevelTimeoutRequest; answer: ChangeLevelTimeoutResponse };

/**
 * The change-request endpoints of the in-memory worker API (`/internal/change-requests/:id/*`), with
 * the contract's semantics: anything about another attempt or level, or a closed request, is
 * `stale`; reminders go to the level's approvers who have not decided (escalation approvers
 * included once escalated); escalation and expiry are idempotent for the same level. Tests move the
 * request (`advance`, `decide`, `close`) as the backend would, then signal the workflow.
 */
export class InMemoryChangeRequests {
  readonly requests = new Map<string, InMemoryChangeRequest>();
  readonly calls: InMemoryChangeCall[] = [];

  add(request: { workspaceId: string; requestId: string; title?: string; attempt?: number; connection: string | null; levels: InMemoryChangeLevel[] }): InMemoryChangeRequest {
    const row: InMemoryChangeRequest = {
      title: `Change request ${request.requestId}`,
      attempt: 1,
      ...structuredClone(request),
      level: 0,
      status: 'pending',
      escalated: new Set(),
      decided: new Map(),
    };
    this.requests.set(row.requestId, row);
    return row;
  }

  /** Records an approval by `userId` at the open level (it is then left out of reminders). */
  decide(requestId: string, userId: string): void {
    const row = this.get(requestId);
    row.decided.set(row.level, new Set([...(row.decided.get(row.level) ?? []), userId]));
  }

  advance(requestId: string, level: number): void {
    this.get(requestId).level = level;
  }

  close(requestId: string, status: ChangeRequestStatus): void {
    this.get(requestId).status = status;
  }

  callsOf(requestId: string): InMemoryChangeCall[] {
    return this.calls.filter((call) => call.requestId === requestId);
  }

  async notifications(requestId: string, request: ChangeNotificationsRequest): Promise<ChangeNotificationsResponse> {
    const row = this.find(request.workspaceId, requestId);
    const answer: ChangeNotificationsResponse = this.isStale(row, request)
      ? { status: 'stale', connection: row.connection, messages: [] }
      : { status: 'ok', connection: row.connection, messages: this.recipients(row, request).map((approver) => this.message(row, request, approver)) };
    this.calls.push({ endpoint: 'notifications', requestId, request: structuredClone(request), answer: structuredClone(answer) });
    return answer;
  }

  async escalate(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    const row = this.find(request.workspaceId, requestId);
    const stale = this.isStale(row, request) || !row.levels[request.level]?.escalateTo;
    if (!stale) row.escalated.add(request.level);
    const answer: ChangeLevelTimeoutResponse = { status: stale ? 'stale' : 'escalated' };
    this.calls.push({ endpoint: 'escalate', requestId, request: structuredClone(request), answer });
    return answer;
  }

  async expire(requestId: string, request: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    const row = this.find(request.workspaceId, requestId);
    // A retry of an expiry that went through (its answer lost) is answered the same way.
    const again = row.status === 'expired' && row.attempt === request.attempt && row.level === request.level;
    const stale = !again && this.isStale(row, request);
    if (!stale) row.status = 'expired';
    const answer: ChangeLevelTimeoutResponse = { status: stale ? 'stale' : 'expired' };
    this.calls.push({ endpoint: 'expire', requestId, request: structuredClone(request), answer });
    return answer;
  }

  private isStale(row: InMemoryChangeRequest, request: { attempt: number; level: number }): boolean {
    return row.status !== 'pending' || row.attempt !== request.attempt || row.level !== request.level;
  }

  private recipients(row: InMemoryChangeRequest, request: ChangeNotificationsRequest): InMemoryChangeApprover[] {
    const level = row.levels[request.level]!;
    const escalation = row.escalated.has(request.level) ? (level.escalateTo ?? []) : [];
    if (request.reason === 'escalated') return escalation;
    const decided = row.decided.get(request.level) ?? new Set<string>();
    return [...level.approvers, ...escalation].filter((approver) => !decided.has(approver.userId));
  }

  private message(row: InMemoryChangeRequest, request: ChangeNotificationsRequest, approver: InMemoryChangeApprover): ChangeNotificationMessage {
    const key = `change:${row.requestId}:${request.attempt}:${request.level}:${request.reason}:${request.sequence}:${approver.userId}`;
    const subject = `[${request.reason}] ${row.title}: your approval is needed (level ${request.level + 1})`;
    const link = `https://designer.tripline.test/approvals/change-requests/${row.requestId}?token=for-${approver.userId}`;
    return { key, userId: approver.userId, to: approver.email, subject, text: `Review it: ${link}`, html: `<p><a href="${link}">Review it</a></p>` };
  }

  private get(requestId: string): InMemoryChangeRequest {
    const row = this.requests.get(requestId);
    if (!row) throw new Error(`No change request ${requestId} in the in-memory API`);
    return row;
  }

  private find(workspaceId: string, requestId: string): InMemoryChangeRequest {
    const row = this.requests.get(requestId);
    if (!row || row.workspaceId !== workspaceId) throw new WorkerApiError(`No change request ${requestId} in workspace ${workspaceId}`, 404, false);
    return row;
  }
}
