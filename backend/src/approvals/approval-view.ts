import { SYSTEM_DECIDER } from '@tripline/playbook';
import { UserModel } from '../auth/models/user.model';
import type { UserEntity } from '../auth/user.entity';
import type { ApprovalRequestEntity } from './approval-request.entity';
import type { ApprovalRequestModel } from './models/approval-request.model';

/** The inbox view of a request: users instead of ids, and whether `viewerId` may decide it now. */
export function toApprovalRequestModel(
  row: ApprovalRequestEntity,
  approverIds: string[],
  users: ReadonlyMap<string, UserEntity>,
  viewerId: string,
): ApprovalRequestModel {
  const user = (id: string | null) => {
    const found = id ? users.get(id) : undefined;
    return found ? UserModel.from(found) : null;
  };
  return {
    id: row.id,
    runId: row.runId,
    playbookId: row.playbookId,
    playbookName: row.playbookName,
    playbookVersion: row.playbookVersion,
    stepId: row.stepId,
    stepLabel: row.stepLabel,
    subject: row.summary?.subject?.label ?? row.subjectId,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    summary: row.summary,
    status: row.status,
    requester: user(row.requesterId),
    assignees: row.assignees,
    escalateTo: row.escalateTo,
    approvers: approverIds.map(user).filter((each): each is UserModel => each !== null),
    canDecide: row.status === 'pending' && viewerId !== row.requesterId && approverIds.includes(viewerId),
    createdAt: row.createdAt,
    dueAt: row.dueAt,
    escalatedAt: row.escalatedAt,
    decision: row.decision,
    decidedBy: row.decidedBy === SYSTEM_DECIDER ? null : user(row.decidedBy),
    decidedBySystem: row.decidedBy === SYSTEM_DECIDER,
    decidedAt: row.decidedAt,
    comment: row.comment,
    closeReason: row.closeReason,
  };
}
