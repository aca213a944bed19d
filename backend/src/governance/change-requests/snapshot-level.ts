import { parseDuration, type ApprovalPolicyLevel, type ChangeApprovalLevelTimers, type Duration, type PolicyApprovers } from '@tripline/playbook';

/**
 * A policy level as it applies to one change request, snapshotted at submit: a later policy edit
 * does not change who must approve a request already open. `index` is the level's position in the
 * policy then (for display); the request's levels are numbered by their position in this list.
 */
export interface SnapshotLevel {
  index: number;
  name: string;
  required: number;
  approvers: PolicyApprovers;
  escalateTo: PolicyApprovers | null;
  timeout: Duration;
  reminderEvery: Duration | null;
}

export function snapshotLevel(index: number, level: ApprovalPolicyLevel): SnapshotLevel {
  return {
    index,
    name: level.name,
    required: level.required,
    approvers: level.approvers,
    escalateTo: level.escalateTo ?? null,
    timeout: level.timeout,
    reminderEvery: level.reminderEvery ?? null,
  };
}

/** The timers the changeApproval workflow runs for each level. */
export function levelTimers(levels: readonly SnapshotLevel[]): ChangeApprovalLevelTimers[] {
  return levels.map((level) => ({
    name: level.name,
    timeoutMs: parseDuration(level.timeout),
    reminderEveryMs: level.reminderEvery ? parseDuration(level.reminderEvery) : null,
    escalates: level.escalateTo !== null,
  }));
}
