import { EntityManager } from 'typeorm';
import { ChangeRequestEntity } from './change-requests/change-request.entity';

/**
 * Whether `userId` has a change request waiting for approval (status pending) in the workspace. A
 * requester with an open request may not edit the approval policy or the memberships (who may
 * approve): otherwise they could make themselves, or a friend, the approver of their own change.
 * Read inside the caller's transaction, so the check and the edit it guards agree.
 */
export async function hasOpenChangeRequest(manager: EntityManager, workspaceId: string, userId: string): Promise<boolean> {
  const count = await manager.count(ChangeRequestEntity, { where: { workspaceId, requestedBy: userId, status: 'pending' } });
  return count > 0;
}
