/**
 * Enrollments for trigger firings that have no event: ticks (inactivity, schedule, relative dates)
 * fire for a subject at a moment. They go through the same re-enrollment rules and keys as ingest's
 * matches (enrollment-rules.ts) and become the same outbox payloads; the occurrence stands in for the
 * triggering event: its id is the key's suffix under 'always' / { afterDays } and its time is what
 * re-enrollment windows count from (stored as the enrollment's message_id and event_timestamp).
 */
import type { EvaluationContext, RunSubject } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import type { StartPlaybookRunPayload } from '../outbox/start-playbook-run-payload';
import type { PublishedPlaybookVersion } from './match-triggers';
import { recordEnrollments } from './record-enrollments';

export interface EventlessFiring {
  playbook: PublishedPlaybookVersion;
  subject: RunSubject;
  /** What the run's conditions and templates see: the subject's person and/or account, no event. */
  context: EvaluationContext;
  /** Deterministic per occurrence (e.g. `tick:<due time>`), so the same occurrence enrolls once. */
  occurrence: { id: string; at: Date };
}

/** Records the enrollments the firings make (in order) and returns what the outbox must start. */
export function enrollFirings(manager: EntityManager, workspaceId: string, firings: readonly EventlessFiring[], now: Date): Promise<StartPlaybookRunPayload[]> {
  const matches = firings.map((f) => ({ playbook: f.playbook, subject: f.subject, context: f.context, event: { messageId: f.occurrence.id, timestamp: f.occurrence.at } }));
  return recordEnrollments(manager, workspaceId, matches, now);
}
