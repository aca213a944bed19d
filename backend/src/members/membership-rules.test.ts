import { membershipChangeRefusal, type MembershipChange } from './membership-rules';

const change = (overrides: Partial<MembershipChange>): MembershipChange => ({
  callerId: 'u-admin',
  targetId: 'u-ed',
  targetEmail: 'ed@example.test',
  currentRole: 'editor',
  newRole: 'approver',
  adminCount: 2,
  ...overrides,
});

describe('membershipChangeRefusal', () => {
  it('lets an admin change or remove another member', () => {
    expect(membershipChangeRefusal(change({}))).toBeNull();
    expect(membershipChangeRefusal(change({ newRole: null }))).toBeNull();
    expect(membershipChangeRefusal(change({ currentRole: 'admin', newRole: 'viewer', adminCount: 2 }))).toBeNull();
  });

  it('refuses changing or removing your own membership', () => {
    expect(membershipChangeRefusal(change({ targetId: 'u-admin', currentRole: 'admin', newRole: 'editor' }))).toBe(
      'You cannot change your own role; another admin can',
    );
    expect(membershipChangeRefusal(change({ targetId: 'u-admin', currentRole: 'admin', newRole: null }))).toBe(
      'You cannot remove yourself from the workspace; another admin can',
    );
  });

  it('refuses demoting or removing the last admin, naming them', () => {
    expect(membershipChangeRefusal(change({ currentRole: 'admin', newRole: 'operator', adminCount: 1 }))).toMatch(
      /^ed@example.test is the last admin of this workspace: .* before demoting them$/,
    );
    expect(membershipChangeRefusal(change({ currentRole: 'admin', newRole: null, adminCount: 1 }))).toMatch(/before removing them$/);
    expect(membershipChangeRefusal(change({ currentRole: 'admin', newRole: 'admin', adminCount: 1 }))).toBeNull();
  });
});
