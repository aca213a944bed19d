/** The roles a user can hold in a workspace (DESIGN.md §8). */
export const ROLES = ['admin', 'editor', 'approver', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: set by the global guard on every authenticated GraphQL operation. */
export interface Principal {
  userId: string;
  workspaceId: string;
  /** Looked up from memberships on every operation, so a role change applies at once. */
  role: Role;
}
