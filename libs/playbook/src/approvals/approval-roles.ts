import type { Assignees } from '../dsl/types';

/** The membership roles of a workspace (DESIGN.md §8); the backend's auth uses the same list. */
export const WORKSPACE_ROLES = ['admin', 'editor', 'approver', 'operator', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** Roles whose members may decide approvals; viewers only read. */
export const APPROVER_ROLES: readonly WorkspaceRole[] = ['admin', 'editor', 'approver', 'operator'];

/** Problems of an assignee list that need no database: unknown roles, viewers, nobody named. */
export function assigneesProblems(assignees: Assignees, where: string): string[] {
  const problems: string[] = [];
  const roles = assignees.roles ?? [];
  const users = assignees.users ?? [];
  if (roles.length === 0 && users.length === 0) problems.push(`${where} names no users and no roles`);
  for (const role of roles) {
    if (!(WORKSPACE_ROLES as readonly string[]).includes(role)) {
      problems.push(`${where}: '${role}' is not a workspace role (roles: ${APPROVER_ROLES.join(', ')})`);
    } else if (!APPROVER_ROLES.includes(role as WorkspaceRole)) {
      problems.push(`${where}: role '${role}' cannot approve (viewers only read)`);
    }
  }
  return problems;
}
