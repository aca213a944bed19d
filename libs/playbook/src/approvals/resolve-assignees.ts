import type { Assignees } from '../dsl/types';
import { APPROVER_ROLES, assigneesProblems, type WorkspaceRole } from './approval-roles';

/** A member of the workspace, as assignee resolution needs them. */
export interface WorkspaceMember {
  userId: string;
  email: string;
  role: string;
}

export type ResolvedAssignees = { ok: true; approverIds: string[] } | { ok: false; problems: string[] };

/**
 * Turns an approval's assignees into the user ids who may decide: `users` are user ids or emails of
 * workspace members, `roles` are membership roles. The requester is left out (four eyes). Anything
 * that cannot be resolved, or a list that leaves nobody to decide, is a problem naming the entry.
 * The backend runs this over the workspace's memberships; the worker's in-memory test API too.
 */
export function resolveAssignees(
  assignees: Assignees,
  members: readonly WorkspaceMember[],
  requesterId: string | null,
  where = 'assignees',
): ResolvedAssignees {
  const problems = assigneesProblems(assignees, where);
  const ids = new Set<string>();
  for (const entry of assignees.users ?? []) {
    const wanted = entry.trim().toLowerCase();
    const member = members.find((each) => each.userId === entry || each.email.toLowerCase() === wanted);
    if (!member) problems.push(`${where}: user '${entry}' is not a member of this workspace`);
    else if (!APPROVER_ROLES.includes(member.role as WorkspaceRole)) problems.push(`${where}: user '${entry}' is a ${member.role} and cannot approve`);
    else ids.add(member.userId);
  }
  for (const role of assignees.roles ?? []) {
    for (const member of members) if (member.role === role) ids.add(member.userId);
  }
  if (problems.length > 0) return { ok: false, problems };

  if (requesterId !== null) ids.delete(requesterId);
  if (ids.size === 0) {
    return { ok: false, problems: [`${where}: nobody can decide: ${describe(assignees)} matches no workspace member other than the requester`] };
  }
  return { ok: true, approverIds: [...ids].sort() };
}

function describe(assignees: Assignees): string {
  const parts = [...(assignees.roles ?? []).map((role) => `role ${role}`), ...(assignees.users ?? []).map((user) => `user ${user}`)];
  return parts.join(', ');
}

/**
 * A gate's assignees, with its `escalateTo` checked at the same time (so a bad escalation fails the
 * gate when it opens, not after the first timeout); every problem of both is named.
 */
export function resolveGateAssignees(
  assignees: Assignees,
  escalateTo: Assignees | null | undefined,
  members: readonly WorkspaceMember[],
  requesterId: string | null,
): ResolvedAssignees {
  const first = resolveAssignees(assignees, members, requesterId, 'assignees');
  const escalation = escalateTo ? resolveAssignees(escalateTo, members, requesterId, 'escalateTo') : undefined;
  const problems = [...(first.ok ? [] : first.problems), ...(escalation && !escalation.ok ? escalation.problems : [])];
  return problems.length > 0 ? { ok: false, problems } : first;
}
