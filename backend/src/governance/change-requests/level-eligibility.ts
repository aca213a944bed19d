import type { PolicyApprovers } from '@tripline/playbook';
import type { Role } from '../../auth/principal';
import type { SnapshotLevel } from './snapshot-level';

/** A workspace member as eligibility sees them. */
export interface LevelMember {
  userId: string;
  role: Role;
}

/** Whether `approvers` names the member: by role or by user id. */
function names(approvers: PolicyApprovers | null, member: LevelMember): boolean {
  if (!approvers) return false;
  return (approvers.roles ?? []).includes(member.role) || (approvers.users ?? []).includes(member.userId);
}

/**
 * Whether a member may decide `level`: admins always, else the level's roles or listed users, and
 * after the level escalated also its escalateTo approvers. Never the requester: that rule is the
 * caller's, checked first, so its refusal can say so.
 */
export function isEligibleApprover(level: SnapshotLevel, escalated: boolean, member: LevelMember): boolean {
  if (member.role === 'admin') return true;
  return names(level.approvers, member) || (escalated && names(level.escalateTo, member));
}

/** The members who may decide `level` now, without the requester. */
export function eligibleApprovers<M extends LevelMember>(level: SnapshotLevel, escalated: boolean, members: readonly M[], requesterId: string): M[] {
  return members.filter((member) => member.userId !== requesterId && isEligibleApprover(level, escalated, member));
}

/** "roles approver, admin or users ann@…": who a level's approvers are, for refusals. */
export function describeApprovers(level: SnapshotLevel, escalated: boolean): string {
  const roles = new Set([...(level.approvers.roles ?? []), ...(escalated ? (level.escalateTo?.roles ?? []) : []), 'admin']);
  const users = (level.approvers.users?.length ?? 0) + (escalated ? (level.escalateTo?.users?.length ?? 0) : 0);
  const listed = users === 0 ? '' : users === 1 ? ', or the listed user' : `, or one of the ${users} listed users`;
  return `role ${[...roles].join(' or ')}${listed}`;
}
