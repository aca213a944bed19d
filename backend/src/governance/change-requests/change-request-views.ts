import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserModel } from '../../auth/models/user.model';
import { MembershipEntity } from '../../auth/membership.entity';
import type { Principal } from '../../auth/principal';
import { UserEntity } from '../../auth/user.entity';
import { ChangeRequestDecisionEntity } from './change-request-decision.entity';
import type { ChangeRequestEntity } from './change-request.entity';
import { workflowIdOf } from './change-workflow-signals';
import { eligibleApprovers, type LevelMember } from './level-eligibility';
import type { ChangeRequestDecisionModel, ChangeRequestLevelModel, ChangeRequestModel } from './models/change-request.model';

/** Statuses a request can be resubmitted from. */
export const RESUBMITTABLE = ['recalled', 'rejected', 'expired'] as const;

/** Whether the caller may recall / resubmit: the requester, or an admin. */
export function mayManage(principal: Principal, request: Pick<ChangeRequestEntity, 'requestedBy'>): boolean {
  return principal.role === 'admin' || principal.userId === request.requestedBy;
}

/** Distinct approvers of a level in an attempt. */
export function approvalsAt(decisions: readonly ChangeRequestDecisionEntity[], attempt: number, level: number): Set<string> {
  return new Set(decisions.filter((d) => d.attempt === attempt && d.level === level && d.decision === 'approve').map((d) => d.decidedBy));
}

/** Whether `userId` may decide the request's current level now (eligibility, not yet decided, not the requester). */
export function canDecide(request: ChangeRequestEntity, decisions: readonly ChangeRequestDecisionEntity[], member: LevelMember | undefined): boolean {
  if (!member || request.status !== 'pending' || member.userId === request.requestedBy) return false;
  const level = request.levels[request.currentLevel];
  if (!level) return false;
  const escalated = request.escalatedLevels.includes(request.currentLevel);
  if (eligibleApprovers(level, escalated, [member], request.requestedBy).length === 0) return false;
  return !decisions.some((d) => d.attempt === request.attempt && d.level === request.currentLevel && d.decidedBy === member.userId);
}

/** The GraphQL view of change requests: users instead of ids, level progress, and what the caller may do. */
@Injectable()
export class ChangeRequestViews {
  constructor(private readonly dataSource: DataSource) {}

  async models(principal: Principal, rows: readonly ChangeRequestEntity[]): Promise<ChangeRequestModel[]> {
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const decisions = await manager.find(ChangeRequestDecisionEntity, {
      where: { workspaceId: principal.workspaceId, requestId: In(rows.map((row) => row.id)) },
      order: { at: 'ASC', id: 'ASC' },
    });
    const members: LevelMember[] = (await manager.find(MembershipEntity, { where: { workspaceId: principal.workspaceId } })).map((m) => ({ userId: m.userId, role: m.role }));
    const userIds = new Set([...members.map((m) => m.userId), ...rows.map((row) => row.requestedBy), ...decisions.map((d) => d.decidedBy)]);
    const users = new Map((await manager.find(UserEntity, { where: { id: In([...userIds]) } })).map((user) => [user.id, UserModel.from(user)]));
    const caller = members.find((member) => member.userId === principal.userId);
    return rows.map((row) => this.model(row, decisions.filter((d) => d.requestId === row.id), members, users, principal, caller));
  }

  private model(
    row: ChangeRequestEntity,
    decisions: ChangeRequestDecisionEntity[],
    members: readonly LevelMember[],
    users: ReadonlyMap<string, UserModel>,
    principal: Principal,
    caller: LevelMember | undefined,
  ): ChangeRequestModel {
    const user = (id: string) => users.get(id) ?? null;
    const levels: ChangeRequestLevelModel[] = row.levels.map((level, position) => {
      const escalated = row.escalatedLevels.includes(position);
      const approvals = approvalsAt(decisions, row.attempt, position).size;
      const rejected = decisions.some((d) => d.attempt === row.attempt && d.level === position && d.decision === 'reject');
      return {
        position,
        policyIndex: level.index,
        name: level.name,
        required: level.required,
        approvals,
        state: levelState(row, position, approvals, rejected),
        approvers: level.approvers,
        escalateTo: level.escalateTo,
        escalated,
        eligibleApprovers: eligibleApprovers(level, escalated, members, row.requestedBy)
          .map((member) => user(member.userId))
          .filter((each): each is UserModel => each !== null),
        timeout: level.timeout,
        reminderEvery: level.reminderEvery,
      };
    });
    const decisionModels: ChangeRequestDecisionModel[] = decisions.map((d) => ({
      id: d.id,
      attempt: d.attempt,
      level: d.level,
      levelName: d.attempt === row.attempt ? (row.levels[d.level]?.name ?? null) : null,
      decision: d.decision,
      decidedBy: user(d.decidedBy),
      comment: d.comment,
      at: d.at,
    }));
    return {
      id: row.id,
      kind: row.kind,
      targetKind: row.targetKind,
      targetId: row.targetId,
      targetName: row.targetName,
      title: row.title,
      reason: row.reason,
      status: row.status,
      attempt: row.attempt,
      currentLevel: row.currentLevel,
      levels,
      decisions: decisionModels,
      canDecide: canDecide(row, decisions, caller),
      canRecall: row.status === 'pending' && mayManage(principal, row),
      canResubmit: (RESUBMITTABLE as readonly string[]).includes(row.status) && mayManage(principal, row),
      requester: user(row.requestedBy),
      requestedAt: row.requestedAt,
      diff: row.diff,
      impact: row.impact,
      proposed: row.proposed,
      baseVersion: row.baseVersion,
      publishedVersion: row.publishedVersion,
      rollbackToVersion: row.rollbackToVersion,
      threshold: row.threshold,
      decidedAt: row.decidedAt,
      closedReason: row.closedReason,
      updatedAt: row.updatedAt,
      workflowId: workflowIdOf(row),
    };
  }
}

function levelState(row: ChangeRequestEntity, position: number, approvals: number, rejected: boolean): string {
  if (rejected) return 'rejected';
  if (approvals >= (row.levels[position]?.required ?? Infinity) || position < row.currentLevel || row.status === 'published' || (row.status === 'superseded' && position <= row.currentLevel)) {
    return 'approved';
  }
  if (row.status !== 'pending') return 'closed';
  return position === row.currentLevel ? 'open' : 'waiting';
}
