import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditActor, AuditEntryInput } from '../../audit/audit-entry-input';
import { ChangeRequestEntity } from './change-request.entity';
import { ChangeTargets, targetNoun, type TargetDocument } from './change-targets';

/**
 * The end of a fully approved request (or one no level applies to), inside the transaction of its
 * last approval: the proposal is published as the target's next version — version row, parent
 * pointer, request 'published' with its version, audit entries — all or nothing. If the target's
 * published version is no longer the one the request was based on, someone published meanwhile:
 * publishing would silently undo their change, so the request is 'superseded' instead.
 */
@Injectable()
export class ChangeCompletion {
  constructor(private readonly targets: ChangeTargets) {}

  /**
   * Updates `request` in place and in the database, and returns the audit entries of what happened:
   * the caller appends them as the last writes of its transaction (after its own entries), so every
   * transaction takes the target's row lock before the audit chain's. The caller invalidates the
   * target's caches after commit when published.
   */
  async completeIn(manager: EntityManager, request: ChangeRequestEntity, actor: AuditActor): Promise<AuditEntryInput[]> {
    const now = new Date();
    const current = await this.targets.currentVersionIn(manager, request.workspaceId, request.targetKind, request.targetId);
    const noun = targetNoun(request.targetKind).toLowerCase();
    if (current !== request.baseVersion) {
      request.status = 'superseded';
      request.closedReason = `Not published: version ${current} of the ${noun} was published after this request was submitted (it was based on ${
        request.baseVersion === null ? 'no published version' : `version ${request.baseVersion}`
      }); submit the change again against the current version`;
    } else {
      request.publishedVersion = await this.targets.publishIn(
        manager,
        request.workspaceId,
        request.targetKind,
        request.targetId,
        request.proposed as unknown as TargetDocument,
        request.requestedBy,
      );
      request.status = 'published';
      request.closedReason = null;
    }
    request.decidedAt = now;
    request.updatedAt = now;
    await manager.update(
      ChangeRequestEntity,
      { id: request.id },
      { status: request.status, closedReason: request.closedReason, publishedVersion: request.publishedVersion, decidedAt: now, updatedAt: now },
    );
    const target = { kind: 'changeRequest', id: request.id };
    if (request.status === 'superseded') {
      return [
        {
          workspaceId: request.workspaceId,
          actor,
          action: 'changeRequest.superseded',
          target,
          details: { attempt: request.attempt, baseVersion: request.baseVersion, currentVersion: current, targetKind: request.targetKind, targetId: request.targetId },
        },
      ];
    }
    const published: AuditEntryInput = {
      workspaceId: request.workspaceId,
      actor,
      action: 'changeRequest.published',
      target,
      details: { attempt: request.attempt, version: request.publishedVersion, targetKind: request.targetKind, targetId: request.targetId },
    };
    return [published, {
      workspaceId: request.workspaceId,
      actor,
      action: `${request.targetKind}.published`,
      target: { kind: request.targetKind, id: request.targetId },
      details: {
        version: request.publishedVersion,
        changeRequestId: request.id,
        change: request.kind,
        requestedBy: request.requestedBy,
        ...(request.rollbackToVersion !== null ? { rolledBackTo: request.rollbackToVersion } : {}),
      },
    }];
  }
}
