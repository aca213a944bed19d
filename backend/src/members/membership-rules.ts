import type { Role } from '../auth/principal';

/** A change to one membership, as the rules see it: no I/O, so the rules are tested on their own. */
export interface MembershipChange {
  /** Who asks (an admin of the workspace). */
  callerId: string;
  /** Whose membership changes. */
  targetId: string;
  targetEmail: string;
  currentRole: Role;
  /** The role after the change; null removes the membership. */
  newRole: Role | null;
  /** Admins of the workspace right now, the target included. */
  adminCount: number;
}

/**
 * Why a role change or removal is refused, or null when it may go ahead. Nobody changes or removes
 * their own membership (another admin does: no one locks themselves out or promotes themselves), and
 * a workspace always keeps at least one admin.
 */
export function membershipChangeRefusal(change: MembershipChange): string | null {
  const removing = change.newRole === null;
  if (change.callerId === change.targetId) {
    return removing ? 'You cannot remove yourself from the workspace; another admin can' : 'You cannot change your own role; another admin can';
  }
  if (change.currentRole === 'admin' && change.newRole !== 'admin' && change.adminCount <= 1) {
    return `${change.targetEmail} is the last admin of this workspace: make another member admin before ${removing ? 'removing' : 'demoting'} them`;
  }
  return null;
}

/** The message for any membership change while the caller's own change request waits for approval. */
export const PENDING_CHANGE_REQUEST_REFUSAL =
  'You have a pending change request; the approver list cannot change until it is decided or recalled';
