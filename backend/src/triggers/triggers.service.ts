import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { bulkInsert, findWhereIn } from '../ingest/bulk-sql';
import type { StartPlaybookRunPayload } from '../outbox/start-playbook-run-payload';
import { PublishedPlaybooksService } from '../playbooks/published-playbooks.service';
import { EnrollmentEntity } from './enrollment.entity';
import { decideEnrollments } from './enrollment-rules';
import { matchTriggers, TrackedEvent } from './match-triggers';

/**
 * Matches a batch's new track events against the workspace's published playbooks and records the
 * enrollments they cause, inside the ingest transaction. Returns what the outbox must start.
 */
@Injectable()
export class TriggersService {
  constructor(private readonly published: PublishedPlaybooksService) {}

  async enroll(manager: EntityManager, workspaceId: string, events: readonly TrackedEvent[], now: Date): Promise<StartPlaybookRunPayload[]> {
    if (events.length === 0) return [];
    const matches = matchTriggers(events, await this.published.findPublished(workspaceId));
    if (matches.length === 0) return [];
    const playbookIds = [...new Set(matches.map((m) => m.playbook.playbookId))];
    const past = await findWhereIn(
      manager,
      EnrollmentEntity,
      workspaceId,
      'subjectId',
      matches.map((m) => m.subject.id),
      { playbookId: In(playbookIds) },
    );
    const decisions = decideEnrollments(matches, past);
    await bulkInsert(
      manager,
      EnrollmentEntity,
      decisions.map(({ match, enrollmentKey }) => ({
        id: randomUUID(),
        workspaceId,
        enrollmentKey,
        playbookId: match.playbook.playbookId,
        playbookVersion: match.playbook.version,
        subjectKind: match.subject.kind,
        subjectId: match.subject.id,
        messageId: match.event.messageId,
        eventTimestamp: match.event.timestamp,
        createdAt: now,
      })),
    );
    return decisions.map(({ match, enrollmentKey }) => ({
      workspaceId,
      playbookId: match.playbook.playbookId,
      playbookName: match.playbook.definition.name,
      playbookVersion: match.playbook.version,
      enrollmentKey,
      playbook: match.playbook.definition,
      subject: match.subject,
      context: match.context,
    }));
  }

  /** After persons merged: their enrollments belong to the surviving person. */
  async movePersonEnrollments(manager: EntityManager, workspaceId: string, merges: readonly { from: string; into: string }[]): Promise<void> {
    for (const { from, into } of merges) {
      await manager.update(EnrollmentEntity, { workspaceId, subjectKind: 'person', subjectId: from }, { subjectId: into });
    }
  }
}
