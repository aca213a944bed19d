import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { bulkInsert, findWhereIn } from '../ingest/bulk-sql';
import type { StartPlaybookRunPayload } from '../outbox/start-playbook-run-payload';
import { EnrollmentEntity } from './enrollment.entity';
import { decideEnrollments, type EnrollableMatch } from './enrollment-rules';

/**
 * Decides which matches enroll (re-enrollment rules and keys of enrollment-rules.ts, in order),
 * records those enrollments and returns what the outbox must start. Ingest's matches and the
 * ticker's firings both come through here.
 */
export async function recordEnrollments(
  manager: EntityManager,
  workspaceId: string,
  matches: readonly EnrollableMatch[],
  now: Date,
): Promise<StartPlaybookRunPayload[]> {
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
