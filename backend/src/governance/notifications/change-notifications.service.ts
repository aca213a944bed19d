import { Injectable, NotFoundException } from '@nestjs/common';
import type { ChangeNotificationsRequest, ChangeNotificationsResponse } from '@tripline/playbook';
import { DataSource, In } from 'typeorm';
import { workspaceMembers } from '../../approvals/workspace-members';
import type { Role } from '../../auth/principal';
import { UserEntity } from '../../auth/user.entity';
import { ChangeRequestDecisionEntity } from '../change-requests/change-request-decision.entity';
import { ChangeRequestEntity } from '../change-requests/change-request.entity';
import { eligibleApprovers } from '../change-requests/level-eligibility';
import { ChangeRequestLinks } from '../links/change-request-links';
import { ApprovalPolicies } from '../policy/approval-policies';
import { changeNotificationMessage } from './change-notification-message';

/** A request that moved on since the workflow's timer was set: nothing to send. */
export const STALE_NOTIFICATIONS: ChangeNotificationsResponse = Object.freeze({ status: 'stale', connection: null, messages: [] }) as ChangeNotificationsResponse;

/**
 * The emails the changeApproval workflow sends now for a level (`/internal/change-requests/:id/notifications`):
 * one per member who may decide the level and has not yet (never the requester), each with its own
 * signed link, sent through the policy's email connection. `stale` when the request is no longer at
 * that attempt and level, or closed. Read-only: the worker's ledger keys make each email go out once.
 */
@Injectable()
export class ChangeNotifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ApprovalPolicies,
    private readonly links: ChangeRequestLinks,
  ) {}

  async messages(requestId: string, body: ChangeNotificationsRequest, now: Date = new Date()): Promise<ChangeNotificationsResponse> {
    const manager = this.dataSource.manager;
    const request = await manager.findOneBy(ChangeRequestEntity, { workspaceId: body.workspaceId, id: requestId });
    if (!request) throw new NotFoundException(`Change request ${requestId} not found in workspace ${body.workspaceId}`);
    if (request.status !== 'pending' || request.attempt !== body.attempt || request.currentLevel !== body.level) return STALE_NOTIFICATIONS;
    const { policy } = await this.policies.effective(request.workspaceId);
    const connection = policy.notifications.emailConnection;
    if (connection === null) return { status: 'ok', connection: null, messages: [] };

    const level = request.levels[body.level]!;
    const escalated = request.escalatedLevels.includes(body.level);
    const decisions = await manager.find(ChangeRequestDecisionEntity, { where: { requestId, attempt: body.attempt, level: body.level } });
    const decided = new Set(decisions.map((d) => d.decidedBy));
    const approvals = decisions.filter((d) => d.decision === 'approve').length;
    const members = (await workspaceMembers(manager, request.workspaceId)).map((member) => ({ ...member, role: member.role as Role }));
    const recipients = eligibleApprovers(level, escalated, members, request.requestedBy).filter(
      (member) => !decided.has(member.userId) && member.email !== '',
    );
    const users = new Map(
      (await manager.find(UserEntity, { where: { id: In([request.requestedBy, ...recipients.map((r) => r.userId)]) } })).map((user) => [user.id, user]),
    );
    const requester = users.get(request.requestedBy);
    const messages = recipients.map((recipient) => {
      const link = this.links.linkFor({ workspaceId: request.workspaceId, requestId, userId: recipient.userId }, policy.notifications.linkValidFor, now);
      return changeNotificationMessage({
        requestId,
        attempt: body.attempt,
        level: body.level,
        reason: body.reason,
        sequence: body.sequence,
        title: request.title,
        changeReason: request.reason,
        kind: request.kind,
        targetKind: request.targetKind,
        targetName: request.targetName,
        requesterName: requester?.name ?? requester?.email ?? 'A member',
        levelName: level.name,
        approvals,
        required: level.required,
        summary: request.diff.summary,
        impact: request.impact,
        recipient: { userId: recipient.userId, email: recipient.email, name: users.get(recipient.userId)?.name ?? null },
        link: link.url,
        linkExpiresAt: link.expiresAt,
      });
    });
    return { status: 'ok', connection, messages };
  }
}
