import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { levelsForImpact, type ChangeRequestStatus, type ChangeTargetKind } from '@tripline/playbook';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryInput } from '../../audit/audit-entry-input';
import { AuditLog } from '../../audit/audit-log';
import type { Principal } from '../../auth/principal';
import { Transactions } from '../../database/transactions';
import { badUserInput, forbidden, notFound } from '../../graphql/errors';
import { ApprovalPolicies } from '../policy/approval-policies';
import { ChangeCompletion } from './change-completion';
import { ChangeProposals, type ChangeSpec, type Proposal } from './change-proposals';
import { RESUBMITTABLE, mayManage } from './change-request-views';
import { ChangeRequestEntity } from './change-request.entity';
import { ChangeTargets, targetNoun } from './change-targets';
import { signalClosed, startApprovalWorkflow } from './change-workflow-signals';
import { MAX_REASON_LENGTH, MAX_TITLE_LENGTH, SubmitChangeRequestInput } from './dto/submit-change-request.input';
import { snapshotLevel, type SnapshotLevel } from './snapshot-level';

export const DEFAULT_REQUESTS_PER_PAGE = 50;
export const MAX_REQUESTS_PER_PAGE = 200;

/** The arguments of `changeRequests`. */
export interface ChangeRequestFilter {
  status?: ChangeRequestStatus | null;
  targetKind?: ChangeTargetKind | null;
  targetId?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Change requests: submit (snapshot the proposal, diff, impact and applying levels; start the
 * changeApproval workflow, or publish at once when no level applies), recall, resubmit, and the
 * reads. Decisions are ChangeDecisions'. Every method stays inside the caller's workspace.
 */
@Injectable()
export class ChangeRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly policies: ApprovalPolicies,
    private readonly proposals: ChangeProposals,
    private readonly targets: ChangeTargets,
    private readonly completion: ChangeCompletion,
    private readonly audit: AuditLog,
  ) {}

  async find(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ChangeRequestEntity> {
    const row = await manager.findOneBy(ChangeRequestEntity, { workspaceId, id });
    if (!row) throw notFound(`Change request ${id}`);
    return row;
  }

  /** Newest first, a page after the request `after`. */
  async list(workspaceId: string, filter: ChangeRequestFilter): Promise<ChangeRequestEntity[]> {
    const first = filter.first ?? DEFAULT_REQUESTS_PER_PAGE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_REQUESTS_PER_PAGE) {
      throw badUserInput(`first: must be between 1 and ${MAX_REQUESTS_PER_PAGE} (got ${first})`, { field: 'first' });
    }
    const query = this.dataSource.getRepository(ChangeRequestEntity).createQueryBuilder('r').where('r.workspaceId = :workspaceId', { workspaceId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.targetKind) query.andWhere('r.targetKind = :targetKind', { targetKind: filter.targetKind });
    if (filter.targetId) query.andWhere('r.targetId = :targetId', { targetId: filter.targetId });
    if (filter.after) {
      const cursor = await this.dataSource.getRepository(ChangeRequestEntity).findOneBy({ workspaceId, id: filter.after });
      if (!cursor) throw badUserInput(`after: no change request ${filter.after} in your workspace`, { field: 'after' });
      query.andWhere('(r.requestedAt < :at OR (r.requestedAt = :at AND r.id < :id))', { at: cursor.requestedAt, id: cursor.id });
    }
    return query.orderBy('r.requestedAt', 'DESC').addOrderBy('r.id', 'DESC').take(first).getMany();
  }

  async submit(principal: Principal, input: SubmitChangeRequestInput): Promise<ChangeRequestEntity> {
    const { workspaceId } = principal;
    const title = optionalText(input.title, 'input.title', MAX_TITLE_LENGTH);
    const reason = optionalText(input.reason, 'input.reason', MAX_REASON_LENGTH);
    const spec: ChangeSpec = {
      kind: input.kind,
      targetKind: await this.targetKindOf(workspaceId, input),
      targetId: input.targetId,
      threshold: input.threshold ? { path: input.threshold.path, value: input.threshold.value } : null,
      rollbackToVersion: input.toVersion ?? null,
    };
    if (spec.kind !== 'changeThreshold' && spec.threshold) throw badUserInput('input.threshold: only a changeThreshold request takes a threshold');
    if (spec.kind !== 'rollback' && spec.rollbackToVersion !== null) throw badUserInput('input.toVersion: only a rollback request takes a version');
    // Cheap refusal before the (possibly slow) impact; checked again in the transaction.
    await this.refuseSecondPending(this.dataSource.manager, workspaceId, spec.targetKind, spec.targetId);
    const proposal = await this.proposals.build(workspaceId, spec, (await this.policies.effective(workspaceId)).policy);
    const now = new Date();
    const row = await this.transactions.run(
      async (manager) => {
        await this.refuseSecondPending(manager, workspaceId, spec.targetKind, spec.targetId);
        await this.refuseMovedTarget(manager, workspaceId, proposal);
        const levels = await this.applyingLevels(manager, workspaceId, proposal);
        const request: ChangeRequestEntity = {
          id: randomUUID(),
          workspaceId,
          kind: spec.kind,
          targetKind: spec.targetKind,
          targetId: spec.targetId,
          targetName: proposal.target.name,
          title: title ?? defaultTitle(proposal),
          reason,
          status: 'pending',
          attempt: 1,
          currentLevel: 0,
          levels,
          baseVersion: proposal.baseVersion,
          proposed: proposal.proposed as unknown as Record<string, unknown>,
          threshold: proposal.spec.threshold,
          rollbackToVersion: proposal.spec.rollbackToVersion,
          diff: proposal.diff,
          impact: proposal.impact,
          requestedBy: principal.userId,
          requestedAt: now,
          escalatedLevels: [],
          decidedAt: null,
          publishedVersion: null,
          closedReason: null,
          updatedAt: now,
        };
        await manager.insert(ChangeRequestEntity, request as never);
        const completed = await this.openOrComplete(manager, request, principal);
        await this.appendAll(manager, [
          {
            workspaceId,
            actor: { userId: principal.userId },
            action: 'changeRequest.submitted',
            target: { kind: 'changeRequest', id: request.id },
            details: submittedDetails(request, proposal),
          },
          ...completed,
        ]);
        return request;
      },
      { lockKey: targetLockKey(workspaceId, spec.targetId) },
    );
    if (row.status === 'published') this.targets.invalidate(workspaceId, row.targetKind);
    return row;
  }

  /** Pending → recalled, by the requester or an admin; the workflow ends. */
  async recall(principal: Principal, id: string): Promise<ChangeRequestEntity> {
    return this.transactions.run(
      async (manager) => {
        const request = await this.lock(manager, principal.workspaceId, id);
        if (!mayManage(principal, request)) throw forbidden('Only the requester or an admin can recall a change request');
        if (request.status !== 'pending') throw badUserInput(`This change request is ${request.status}: only a pending request can be recalled`);
        const now = new Date();
        request.status = 'recalled';
        request.closedReason = principal.userId === request.requestedBy ? 'Recalled by the requester' : 'Recalled by an admin';
        request.updatedAt = now;
        await manager.update(ChangeRequestEntity, { id }, { status: request.status, closedReason: request.closedReason, updatedAt: now });
        await signalClosed(manager, request);
        await this.audit.append(manager, {
          workspaceId: request.workspaceId,
          actor: { userId: principal.userId },
          action: 'changeRequest.recalled',
          target: { kind: 'changeRequest', id },
          details: { attempt: request.attempt, level: request.currentLevel },
        });
        return request;
      },
      { lockKey: requestLockKey(id) },
    );
  }

  /**
   * Recalled / rejected / expired → pending again as attempt + 1: the proposal, diff, impact and
   * levels are made anew from the current draft (or the same threshold / rollback target), every level
   * starts over, and earlier attempts' decisions stay in the history but never count.
   */
  async resubmit(principal: Principal, id: string): Promise<ChangeRequestEntity> {
    const { workspaceId } = principal;
    const existing = await this.find(workspaceId, id);
    if (!mayManage(principal, existing)) throw forbidden('Only the requester or an admin can resubmit a change request');
    refuseUnresubmittable(existing);
    const spec: ChangeSpec = {
      kind: existing.kind,
      targetKind: existing.targetKind,
      targetId: existing.targetId,
      threshold: existing.threshold,
      rollbackToVersion: existing.rollbackToVersion,
    };
    const proposal = await this.proposals.build(workspaceId, spec, (await this.policies.effective(workspaceId)).policy);
    const row = await this.transactions.run(
      async (manager) => {
        const request = await this.lock(manager, workspaceId, id);
        refuseUnresubmittable(request);
        if (request.attempt !== existing.attempt) throw badUserInput('This change request was resubmitted by someone else a moment ago');
        await this.refuseSecondPending(manager, workspaceId, request.targetKind, request.targetId);
        await this.refuseMovedTarget(manager, workspaceId, proposal);
        const now = new Date();
        Object.assign(request, {
          status: 'pending',
          attempt: request.attempt + 1,
          currentLevel: 0,
          levels: await this.applyingLevels(manager, workspaceId, proposal),
          baseVersion: proposal.baseVersion,
          targetName: proposal.target.name,
          proposed: proposal.proposed as unknown as Record<string, unknown>,
          diff: proposal.diff,
          impact: proposal.impact,
          escalatedLevels: [],
          decidedAt: null,
          publishedVersion: null,
          closedReason: null,
          updatedAt: now,
        } satisfies Partial<ChangeRequestEntity>);
        const { id: _id, workspaceId: _ws, ...fields } = request;
        await manager.update(ChangeRequestEntity, { id }, fields as never);
        const completed = await this.openOrComplete(manager, request, principal);
        await this.appendAll(manager, [
          {
            workspaceId,
            actor: { userId: principal.userId },
            action: 'changeRequest.resubmitted',
            target: { kind: 'changeRequest', id },
            details: submittedDetails(request, proposal),
          },
          ...completed,
        ]);
        return request;
      },
      { lockKey: targetLockKey(workspaceId, existing.targetId) },
    );
    if (row.status === 'published') this.targets.invalidate(workspaceId, row.targetKind);
    return row;
  }

  /** The request row, locked for this transaction on PostgreSQL (decisions and transitions serialize on it). */
  async lock(manager: EntityManager, workspaceId: string, id: string): Promise<ChangeRequestEntity> {
    const postgres = manager.connection.options.type === 'postgres';
    const row = await manager.findOne(ChangeRequestEntity, { where: { workspaceId, id }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw notFound(`Change request ${id}`);
    return row;
  }

  /**
   * No level applies → published now (no workflow); else the first level opens and the workflow
   * starts. Returns the audit entries of a completion.
   */
  private async openOrComplete(manager: EntityManager, request: ChangeRequestEntity, principal: Principal): Promise<AuditEntryInput[]> {
    if (request.levels.length === 0) return this.completion.completeIn(manager, request, { userId: principal.userId });
    await startApprovalWorkflow(manager, request);
    return [];
  }

  /** Audit entries go last in a transaction: the chain head stays locked until commit. */
  async appendAll(manager: EntityManager, entries: readonly AuditEntryInput[]): Promise<void> {
    for (const entry of entries) await this.audit.append(manager, entry);
  }

  private async applyingLevels(manager: EntityManager, workspaceId: string, proposal: Proposal): Promise<SnapshotLevel[]> {
    const { policy } = await this.policies.effective(workspaceId, manager);
    return levelsForImpact(policy, proposal.impactKnown ? proposal.impact : null).map(({ index, level }) => snapshotLevel(index, level));
  }

  private async targetKindOf(workspaceId: string, input: SubmitChangeRequestInput): Promise<ChangeTargetKind> {
    switch (input.kind) {
      case 'publishPlaybook':
      case 'changeThreshold':
        return 'playbook';
      case 'publishScoringModel':
        return 'scoringModel';
      case 'rollback':
        return input.targetKind ?? (await this.targets.kindOf(workspaceId, input.targetId));
    }
  }

  private async refuseSecondPending(manager: EntityManager, workspaceId: string, targetKind: ChangeTargetKind, targetId: string): Promise<void> {
    const open = await manager.findOneBy(ChangeRequestEntity, { workspaceId, targetKind, targetId, status: 'pending' });
    if (open) {
      throw badUserInput(
        `${targetNoun(targetKind)} "${open.targetName}" already has a pending change request ("${open.title}", ${open.id}): decide or recall it first`,
        { changeRequestId: open.id },
      );
    }
  }

  /** The proposal was made against the base version; if another publish came in meanwhile, it is stale. */
  private async refuseMovedTarget(manager: EntityManager, workspaceId: string, proposal: Proposal): Promise<void> {
    const current = await this.targets.currentVersionIn(manager, workspaceId, proposal.target.kind, proposal.target.id);
    if (current !== proposal.baseVersion) {
      throw badUserInput(`${targetNoun(proposal.target.kind)} "${proposal.target.name}" was published (version ${current}) while this request was being prepared: submit it again`);
    }
  }
}

/** Transactions that change what a target's pending request is serialize on it (PostgreSQL advisory lock). */
function targetLockKey(workspaceId: string, targetId: string): string {
  return `change-target:${workspaceId}:${targetId}`;
}

export function requestLockKey(id: string): string {
  return `change-request:${id}`;
}

function refuseUnresubmittable(request: ChangeRequestEntity): void {
  if (!(RESUBMITTABLE as readonly string[]).includes(request.status)) {
    throw badUserInput(`This change request is ${request.status}: only a recalled, rejected or expired request can be resubmitted`);
  }
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (text.length > max) throw badUserInput(`${field}: must be at most ${max} characters (got ${text.length})`, { field });
  return text;
}

function defaultTitle(proposal: Proposal): string {
  const noun = targetNoun(proposal.target.kind).toLowerCase();
  const name = proposal.target.name;
  switch (proposal.spec.kind) {
    case 'publishPlaybook':
    case 'publishScoringModel':
      return `Publish ${noun} "${name}"`;
    case 'changeThreshold':
      return `Change ${proposal.spec.threshold!.path} of "${name}" to ${proposal.spec.threshold!.value}`;
    case 'rollback':
      return `Roll back ${noun} "${name}" to version ${proposal.spec.rollbackToVersion}`;
  }
}

function submittedDetails(request: ChangeRequestEntity, proposal: Proposal): Record<string, unknown> {
  return {
    attempt: request.attempt,
    kind: request.kind,
    targetKind: request.targetKind,
    targetId: request.targetId,
    baseVersion: request.baseVersion,
    levels: request.levels.map((level) => level.name),
    summary: proposal.diff.summary.slice(0, 20),
    ...(request.threshold ? { threshold: request.threshold } : {}),
    ...(request.rollbackToVersion !== null ? { rollbackToVersion: request.rollbackToVersion } : {}),
  };
}
