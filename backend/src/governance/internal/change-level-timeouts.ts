import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ChangeLevelTimeoutRequest, ChangeLevelTimeoutResponse } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { Transactions } from '../../database/transactions';
import { ChangeRequestEntity } from '../change-requests/change-request.entity';
import { requestLockKey } from '../change-requests/change-requests.service';

/** The actor of what the workflow's timers cause. */
export const WORKFLOW_ACTOR = { system: 'changeApproval workflow' } as const;

/**
 * What a level's timeout does, called by the changeApproval workflow: escalate (the level's escalateTo
 * approvers become eligible too; idempotent) and, after the escalation's own timeout, expire (the
 * request closes as 'expired'). Both answer `stale` and change nothing when the request has moved on
 * (another attempt or level, or closed) — the timer fired after a decision or recall that won.
 */
@Injectable()
export class ChangeLevelTimeouts {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  escalate(requestId: string, body: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.transactions.run(
      async (manager) => {
        const request = await locked(manager, body.workspaceId, requestId);
        if (isStale(request, body)) return { status: 'stale' };
        const level = request.levels[body.level]!;
        if (!level.escalateTo) throw new ConflictException(`Level ${body.level} ("${level.name}") of change request ${requestId} has no escalateTo`);
        if (request.escalatedLevels.includes(body.level)) return { status: 'escalated' };
        const escalatedLevels = [...request.escalatedLevels, body.level];
        await manager.update(ChangeRequestEntity, { id: requestId }, { escalatedLevels, updatedAt: new Date() } as never);
        await this.audit.append(manager, {
          workspaceId: request.workspaceId,
          actor: WORKFLOW_ACTOR,
          action: 'changeRequest.escalated',
          target: { kind: 'changeRequest', id: requestId },
          details: { attempt: body.attempt, level: body.level, levelName: level.name, escalateTo: level.escalateTo },
        });
        return { status: 'escalated' };
      },
      { lockKey: requestLockKey(requestId) },
    );
  }

  /** The workflow ends by itself after this call, so no closed signal is written for it. */
  expire(requestId: string, body: ChangeLevelTimeoutRequest): Promise<ChangeLevelTimeoutResponse> {
    return this.transactions.run(
      async (manager) => {
        const request = await locked(manager, body.workspaceId, requestId);
        // A retry of an expiry that committed but whose answer was lost: the same answer again, so the
        // workflow ends (no closed signal is written for an expiry).
        if (request.status === 'expired' && request.attempt === body.attempt && request.currentLevel === body.level) return { status: 'expired' };
        if (isStale(request, body)) return { status: 'stale' };
        const level = request.levels[body.level]!;
        const escalated = request.escalatedLevels.includes(body.level);
        const now = new Date();
        const closedReason = `Level "${level.name}" timed out after ${level.timeout}${escalated ? ` and another ${level.timeout} after its escalation` : ''} without enough approvals`;
        await manager.update(ChangeRequestEntity, { id: requestId }, { status: 'expired', closedReason, decidedAt: now, updatedAt: now });
        await this.audit.append(manager, {
          workspaceId: request.workspaceId,
          actor: WORKFLOW_ACTOR,
          action: 'changeRequest.expired',
          target: { kind: 'changeRequest', id: requestId },
          details: { attempt: body.attempt, level: body.level, levelName: level.name, escalated },
        });
        return { status: 'expired' };
      },
      { lockKey: requestLockKey(requestId) },
    );
  }
}

function isStale(request: ChangeRequestEntity, body: ChangeLevelTimeoutRequest): boolean {
  return request.status !== 'pending' || request.attempt !== body.attempt || request.currentLevel !== body.level;
}

async function locked(manager: EntityManager, workspaceId: string, id: string): Promise<ChangeRequestEntity> {
  const postgres = manager.connection.options.type === 'postgres';
  const row = await manager.findOne(ChangeRequestEntity, { where: { workspaceId, id }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!row) throw new NotFoundException(`Change request ${id} not found in workspace ${workspaceId}`);
  return row;
}
