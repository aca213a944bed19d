/**
 * Enrollments for trigger firings that have no event: ticks (inactivity, schedule, relative dates)
 * fire for a subject at a moment. They go through the same re-enrollment rules and keys as ingest's
 * matches (enrollment-rules.ts) and become the same outbox payloads; the occurrence stands in for the
 * triggering event: its id is the key's suffix under 'always' / { afterDays } and its time is what
 * re-enrollment windows count from (stored as the enrollment's message_id and event_timestamp).
 */
import { randomUUID } from 'node:crypto';
import type { EvaluationContext, RunSubject } from '@tripline/playbook';
import { EntityManager, In } from 'typeorm';
import { bulkInsert, findWhereIn } from '../ingest/bulk-sql';
import type { StartPlaybookRunPayload } from '../outbox/start-playbook-run-payload';
import { EnrollmentEntity } from './enrollment.entity';
import { decideEnrollments } from './enrollment-rules';
import type { PublishedPlaybookVersion, TrackedEvent, TriggerMatch } from './match-triggers';

export interface EventlessFiring {
  playbook: PublishedPlaybookVersion;
  subject: RunSubject;
  /** What the run's conditions and templates see: the subject's person and/or account, no event. */
  context: EvaluationContext;
  /** Deterministic per occurrence (e.g. `tick:<due time>`), so the same occurrence enrolls once. */
  occurrence: { id: string; at: Date };
}

/** What decideEnrollments() reads of a match: its playbook, subject and the event's id and time. */
type DecidedMatch = Pick<TriggerMatch, 'playbook' | 'subject' | 'context'> & { event: Pick<TrackedEvent, 'messageId' | 'timestamp'> };

/** Records the enrollments the firings make (in order) and returns what the outbox must start. */
export async function enrollFirings(manager: EntityManager, workspaceId: string, firings: readonly EventlessFiring[], now: Date): Promise<StartPlaybookRunPayload[]> {
  if (firings.length === 0) return [];
  const matches: DecidedMatch[] = firings.map((f) => ({ playbook: f.playbook, subject: f.subject, context: f.context, event: { messageId: f.occurrence.id, timestamp: f.occurrence.at } }));
  const playbookIds = [...new Set(matches.map((m) => m.playbook.playbookId))];
  const past = await findWhereIn(manager, EnrollmentEntity, workspaceId, 'subjectId', matches.map((m) => m.subject.id), { playbookId: In(playbookIds) });
  // Sound: the rules and the key read only playbook, subject, event.messageId and event.timestamp
  // (enrollment-rules.ts); its parameter type asks for whole matches because ingest is its only other caller.
  const decisions = decideEnrollments(matches as unknown as readonly TriggerMatch[], past);
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
