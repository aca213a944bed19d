import { decisionOutcome } from './decision-outcome';
import { describeApprovers, eligibleApprovers, isEligibleApprover } from './level-eligibility';
import type { SnapshotLevel } from './snapshot-level';

const level: SnapshotLevel = {
  index: 1,
  name: 'Finance',
  required: 2,
  approvers: { roles: ['approver'], users: ['fin-1'] },
  escalateTo: { users: ['cfo'] },
  timeout: '48h',
  reminderEvery: null,
};

describe('isEligibleApprover', () => {
  it('admits admins, the level roles and listed users; escalation approvers only after the escalation', () => {
    expect(isEligibleApprover(level, false, { userId: 'a', role: 'admin' })).toBe(true);
    expect(isEligibleApprover(level, false, { userId: 'b', role: 'approver' })).toBe(true);
    expect(isEligibleApprover(level, false, { userId: 'fin-1', role: 'viewer' })).toBe(true);
    expect(isEligibleApprover(level, false, { userId: 'c', role: 'editor' })).toBe(false);
    expect(isEligibleApprover(level, false, { userId: 'cfo', role: 'operator' })).toBe(false);
    expect(isEligibleApprover(level, true, { userId: 'cfo', role: 'operator' })).toBe(true);
  });

  it('never lists the requester, even an admin one', () => {
    const members = [
      { userId: 'boss', role: 'admin' as const },
      { userId: 'b', role: 'approver' as const },
      { userId: 'c', role: 'editor' as const },
    ];
    expect(eligibleApprovers(level, false, members, 'boss').map((m) => m.userId)).toEqual(['b']);
  });

  it('describes who may decide', () => {
    expect(describeApprovers(level, false)).toBe('role approver or admin, or the listed user');
    expect(describeApprovers(level, true)).toBe('role approver or admin, or one of the 2 listed users');
  });
});

describe('decisionOutcome', () => {
  it('rejects at once, waits for N of M, then opens the next level or completes', () => {
    expect(decisionOutcome('reject', 0, 2, 5, 1)).toEqual({ kind: 'rejected' });
    expect(decisionOutcome('approve', 0, 2, 1, 2)).toEqual({ kind: 'waiting', approvals: 1, required: 2 });
    expect(decisionOutcome('approve', 0, 2, 2, 2)).toEqual({ kind: 'nextLevel', level: 1 });
    expect(decisionOutcome('approve', 1, 2, 1, 1)).toEqual({ kind: 'complete' });
  });
});
