import type { WorkspaceMember } from '@tripline/playbook';
import { EntityManager, In } from 'typeorm';
import { MembershipEntity } from '../auth/membership.entity';
import { UserEntity } from '../auth/user.entity';

/** Everyone with a membership in the workspace, with their email and role (for assignee resolution). */
export async function workspaceMembers(manager: EntityManager, workspaceId: string): Promise<WorkspaceMember[]> {
  const memberships = await manager.find(MembershipEntity, { where: { workspaceId } });
  if (memberships.length === 0) return [];
  const users = await manager.find(UserEntity, { where: { id: In(memberships.map((each) => each.userId)) } });
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return memberships.map((each) => ({ userId: each.userId, email: emails.get(each.userId) ?? '', role: each.role }));
}
