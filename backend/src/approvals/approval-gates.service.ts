import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  closedStatus,
  resolveAssignees,
  resolveGateAssignees,
  SYSTEM_DECIDER,
  type Assignees,
  type CloseApprovalRequest,
  type ClosedApprovalRequest,
  type EscalateApprovalRequest,
  type EscalatedApprovalRequest,
  type OpenApprovalRequest,
  type OpenedApprovalRequest,
  type WorkspaceMember,
} from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Transactions } from '../database/transactions';
import { PlaybookVersionEntity } from '../playbooks/playbook-version.entity';
import { RunEntity } from '../runs/run.entity';
import { ApprovalDecisionEntity } from './approval-decision.entity';
import { ApprovalRequestApproverEntity } from './approval-request-approver.entity';
import { ApprovalRequestEntity } from './approval-request.entity';
import { workspaceMembers } from './workspace-members';

/**
 * The worker's side of approval gates (`/internal/approvals`): open a request (idempotent by key),
 * escalate it, close it with the decision the workflow accepted. Assignees are resolved here, over
 * the workspace's memberships; the requester is the publisher of the run's playbook version.
 */
@Injectable()
export class ApprovalGatesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  async open(request: OpenApprovalRequest): Promise<OpenedApprovalRequest> {
    return this.transactions.run(
      async (manager) => {
        const existing = await manager.findOneBy(ApprovalRequestEntity, { workspaceId: request.workspaceId, idempotencyKey: request.key });
        if (existing) return this.opened(manager, existing);

        const run = await manager.findOneBy(RunEntity, { workspaceId: request.workspaceId, id: request.runId });
        if (!run) throw new NotFoundException(`Run ${request.runId} not found in workspace ${request.workspaceId}`);
        const version = await manager.findOneBy(PlaybookVersionEntity, {
          workspaceId: run.workspaceId,
          playbookId: run.playbookId,
          version: run.playbookVersion,
        });
        const requesterId = version?.publishedBy ?? null;
        const members = await workspaceMembers(manager, run.workspaceId);
        const gate = resolveGateAssignees(request.assignees, request.escalateTo, members, requesterId);
        if (!gate.ok) throw new UnprocessableEntityException(gate.problems.join('; '));
        const approverIds = gate.approverIds;

        const now = new Date();
        const row: ApprovalRequestEntity = {
          id: randomUUID(),
          workspaceId: run.workspaceId,
          idempotencyKey: request.key,
          runId: run.id,
          playbookId: run.playbookId,
          playbookName: run.playbookName,
          playbookVersion: run.playbookVersion,
          stepId: request.stepId,
          stepLabel: request.stepLabel,
          visit: request.visit,
          subjectKind: run.subjectKind,
          subjectId: run.subjectId,
          summary: request.summary,
          assignees: request.assignees,
          escalateTo: request.escalateTo,
          requesterId,
          status: 'pending',
          dueAt: new Date(request.dueAt),
          escalatedAt: null,
          decision: null,
          decidedBy: null,
          decidedAt: null,
          comment: null,
          closeReason: null,
          createdAt: now,
          updatedAt: now,
        };
        await manager.insert(ApprovalRequestEntity, row as never);
        await this.assign(manager, row, approverIds);
        return this.opened(manager, row);
      },
      { lockKey: `approval:${request.workspaceId}:${request.key}` },
    );
  }

  async escalate(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest> {
    return this.transactions.run(
      async (manager) => {
        const row = await this.find(manager, request.workspaceId, request.requestId);
        if (!row.escalatedAt) {
          if (!row.escalateTo) throw new ConflictException(`Approval request ${row.id} has no escalateTo`);
          if (row.status !== 'pending') throw new ConflictException(`Approval request ${row.id} is already closed`);
          // Resolved now: memberships may have changed since the request opened.
          const approverIds = resolved(row.escalateTo, await workspaceMembers(manager, row.workspaceId), row.requesterId, 'escalateTo');
          row.escalatedAt = new Date(request.at);
          row.dueAt = new Date(request.dueAt);
          await manager.update(ApprovalRequestEntity, { id: row.id }, { escalatedAt: row.escalatedAt, dueAt: row.dueAt, updatedAt: new Date() });
          await manager.delete(ApprovalRequestApproverEntity, { requestId: row.id });
          await this.assign(manager, row, approverIds);
        }
        return { approverIds: await this.approverIds(manager, row.id), escalatedAt: row.escalatedAt!.toISOString() };
      },
      { lockKey: `approval-request:${request.requestId}` },
    );
  }

  async close(request: CloseApprovalRequest): Promise<ClosedApprovalRequest> {
    return this.transactions.run(
      async (manager) => {
        const row = await this.find(manager, request.workspaceId, request.requestId);
        if (row.status !== 'pending') {
          // A retried close is fine; a different decision would mean two truths.
          if (row.decision !== request.decision || row.decidedBy !== request.decidedBy) {
            throw new ConflictException(`Approval request ${row.id} was already closed: ${row.decision} by ${row.decidedBy}`);
          }
          return { requestId: row.id, status: row.status };
        }
        const status = closedStatus(request);
        const decidedAt = new Date(request.decidedAt);
        await manager.update(
          ApprovalRequestEntity,
          { id: row.id },
          { status, decision: request.decision, decidedBy: request.decidedBy, decidedAt, comment: request.comment, closeReason: request.reason, updatedAt: new Date() },
        );
        const decision: ApprovalDecisionEntity = {
          id: randomUUID(),
          workspaceId: row.workspaceId,
          requestId: row.id,
          decision: request.decision,
          decidedBy: request.decidedBy,
          comment: request.comment,
          reason: request.reason,
          decidedAt,
          recordedAt: new Date(),
        };
        await manager.insert(ApprovalDecisionEntity, decision);
        await this.audit.append(manager, {
          workspaceId: row.workspaceId,
          actor: request.decidedBy === SYSTEM_DECIDER ? { system: `approval gate (${request.reason})` } : { userId: request.decidedBy },
          action: 'approval.decided',
          target: { kind: 'approvalRequest', id: row.id },
          details: {
            decision: request.decision,
            status,
            reason: request.reason,
            runId: row.runId,
            playbookId: row.playbookId,
            playbookVersion: row.playbookVersion,
            stepId: row.stepId,
            ...(request.comment ? { comment: request.comment } : {}),
          },
        });
        return { requestId: row.id, status };
      },
      { lockKey: `approval-request:${request.requestId}` },
    );
  }

  private async find(manager: EntityManager, workspaceId: string, id: string): Promise<ApprovalRequestEntity> {
    const postgres = manager.connection.options.type === 'postgres';
    const row = await manager.findOne(ApprovalRequestEntity, {
      where: { workspaceId, id },
      ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new NotFoundException(`Approval request ${id} not found in workspace ${workspaceId}`);
    return row;
  }

  private async assign(manager: EntityManager, row: ApprovalRequestEntity, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await manager.insert(
      ApprovalRequestApproverEntity,
      userIds.map((userId) => ({ requestId: row.id, userId, workspaceId: row.workspaceId })),
    );
  }

  private async approverIds(manager: EntityManager, requestId: string): Promise<string[]> {
    const rows = await manager.find(ApprovalRequestApproverEntity, { where: { requestId } });
    return rows.map((each) => each.userId).sort();
  }

  private async opened(manager: EntityManager, row: ApprovalRequestEntity): Promise<OpenedApprovalRequest> {
    return {
      requestId: row.id,
      status: row.status,
      approverIds: await this.approverIds(manager, row.id),
      requesterId: row.requesterId,
      escalatedAt: row.escalatedAt?.toISOString() ?? null,
      outcome:
        row.status === 'pending'
          ? null
          : {
              requestId: row.id,
              stepId: row.stepId,
              decision: row.decision!,
              decidedBy: row.decidedBy!,
              comment: row.comment,
              reason: row.closeReason!,
              decidedAt: row.decidedAt!.toISOString(),
            },
    };
  }
}

/** The approver ids, or a 422 naming every assignee that cannot be resolved (the step fails with it). */
function resolved(assignees: Assignees, members: WorkspaceMember[], requesterId: string | null, where: string): string[] {
  const result = resolveAssignees(assignees, members, requesterId, where);
  if (!result.ok) throw new UnprocessableEntityException(result.problems.join('; '));
  return result.approverIds;
}
