import {
  closedStatus,
  resolveAssignees,
  resolveGateAssignees,
  type Assignees,
  type CloseApprovalRequest,
  type ClosedApprovalRequest,
  type EscalateApprovalRequest,
  type EscalatedApprovalRequest,
  type OpenApprovalRequest,
  type OpenedApprovalRequest,
  type WorkspaceMember,
} from '@tripline/playbook';
import { WorkerApiError } from '../worker-api/worker-api';

export interface InMemoryApprovalRequest {
  id: string;
  request: OpenApprovalRequest;
  status: OpenedApprovalRequest['status'];
  approverIds: string[];
  requesterId: string | null;
  escalatedAt: string | null;
  dueAt: string;
  outcome: OpenedApprovalRequest['outcome'];
  opens: number;
}

/**
 * The approval endpoints of the in-memory worker API, with the backend's semantics: idempotent open
 * by key, assignees resolved over the workspace's members by the shared `resolveAssignees`, the
 * requester left out, escalation and close recorded once.
 */
export class InMemoryApprovals {
  readonly requests = new Map<string, InMemoryApprovalRequest>();
  /** Append-only, like the backend's approval_decisions. */
  readonly decisions: CloseApprovalRequest[] = [];
  private readonly members = new Map<string, WorkspaceMember[]>();
  private readonly requesters = new Map<string, string>();
  private sequence = 0;

  addMember(workspaceId: string, member: WorkspaceMember): void {
    this.members.set(workspaceId, [...(this.members.get(workspaceId) ?? []), member]);
  }

  /** The user who published the playbook version of this run (the backend reads it from the version). */
  setRequester(runId: string, userId: string): void {
    this.requesters.set(runId, userId);
  }

  ofRun(runId: string): InMemoryApprovalRequest[] {
    return [...this.requests.values()].filter((each) => each.request.runId === runId);
  }

  async open(request: OpenApprovalRequest): Promise<OpenedApprovalRequest> {
    const existing = [...this.requests.values()].find((each) => each.request.key === request.key);
    if (existing) {
      existing.opens += 1;
      return this.opened(existing);
    }
    const requesterId = this.requesters.get(request.runId) ?? null;
    const gate = resolveGateAssignees(request.assignees, request.escalateTo, this.members.get(request.workspaceId) ?? [], requesterId);
    if (!gate.ok) throw new WorkerApiError(gate.problems.join('; '), 422, false);
    const approverIds = gate.approverIds;
    const row: InMemoryApprovalRequest = {
      id: `approval-${++this.sequence}`,
      request: structuredClone(request),
      status: 'pending',
      approverIds,
      requesterId,
      escalatedAt: null,
      dueAt: request.dueAt,
      outcome: null,
      opens: 1,
    };
    this.requests.set(row.id, row);
    return this.opened(row);
  }

  async escalate(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest> {
    const row = this.find(request.workspaceId, request.requestId);
    if (!row.escalatedAt) {
      if (!row.request.escalateTo) throw new WorkerApiError(`Approval request ${row.id} has no escalateTo`, 409, false);
      row.approverIds = this.resolve(request.workspaceId, row.request.escalateTo, row.requesterId, 'escalateTo');
      row.escalatedAt = request.at;
      row.dueAt = request.dueAt;
    }
    return { approverIds: [...row.approverIds], escalatedAt: row.escalatedAt! };
  }

  async close(request: CloseApprovalRequest): Promise<ClosedApprovalRequest> {
    const row = this.find(request.workspaceId, request.requestId);
    const { workspaceId: _workspaceId, ...outcome } = request;
    if (row.outcome) {
      if (row.outcome.decision !== outcome.decision || row.outcome.decidedBy !== outcome.decidedBy) {
        throw new WorkerApiError(`Approval request ${row.id} was already closed with another decision`, 409, false);
      }
      return { requestId: row.id, status: row.status };
    }
    row.outcome = { ...structuredClone(outcome), stepId: row.request.stepId };
    row.status = closedStatus(outcome);
    this.decisions.push(structuredClone(request));
    return { requestId: row.id, status: row.status };
  }

  private resolve(workspaceId: string, assignees: Assignees, requesterId: string | null, where: string): string[] {
    const resolved = resolveAssignees(assignees, this.members.get(workspaceId) ?? [], requesterId, where);
    if (!resolved.ok) throw new WorkerApiError(resolved.problems.join('; '), 422, false);
    return resolved.approverIds;
  }

  private find(workspaceId: string, id: string): InMemoryApprovalRequest {
    const row = this.requests.get(id);
    if (!row || row.request.workspaceId !== workspaceId) throw new WorkerApiError(`Approval request ${id} not found in workspace ${workspaceId}`, 404, false);
    return row;
  }

  private opened(row: InMemoryApprovalRequest): OpenedApprovalRequest {
    return structuredClone({
      requestId: row.id,
      status: row.status,
      approverIds: row.approverIds,
      requesterId: row.requesterId,
      escalatedAt: row.escalatedAt,
      outcome: row.outcome,
    });
  }
}
