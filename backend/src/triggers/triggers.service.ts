import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { StartPlaybookRunPayload } from '../outbox/start-playbook-run-payload';
import { PublishedPlaybooksService } from '../playbooks/published-playbooks.service';
import { EnrollmentEntity } from './enrollment.entity';
import { recordEnrollments } from './record-enrollments';
import { EventTimeEvaluation } from './event-time/event-time-evaluation';
import { subjectAggregatesStore } from './event-time/subject-aggregates-store';
import { workspaceTriggers, type SubjectKind } from './event-time/workspace-triggers';
import { matchTriggers, TrackedEvent } from './match-triggers';
import type { TimedEvent } from './scored-event';
import { TriggerBatch } from './trigger-batch';

/**
 * Matches a batch's new track events against the workspace's published playbooks and records the
 * enrollments they cause, inside the ingest transaction: event triggers by name and filter,
 * score / tier / window-aggregate / composite triggers event by event (see event-time/). Returns
 * what the outbox must start.
 */
@Injectable()
export class TriggersService {
  constructor(private readonly published: PublishedPlaybooksService) {}

  /** Loads the published playbooks and, for the batch's subjects, the stored state their triggers read. */
  async begin(manager: EntityManager, workspaceId: string, events: readonly TimedEvent[]): Promise<TriggerBatch> {
    const playbooks = await this.published.findPublished(workspaceId);
    const triggers = workspaceTriggers(playbooks);
    const subjects: Record<SubjectKind, Set<string>> = { person: new Set(), account: new Set() };
    for (const { tracked } of events) {
      subjects.person.add(tracked.person.id);
      if (tracked.account) subjects.account.add(tracked.account.id);
    }
    const stored = events.length === 0 ? new Map() : await subjectAggregatesStore.load(manager, workspaceId, triggers, subjects);
    return new TriggerBatch(playbooks, triggers, new EventTimeEvaluation(triggers, stored));
  }

  /**
   * Writes the subjects' trigger state and the enrollments of the batch's matches: event triggers
   * (in batch order) and the event-time triggers `batch` evaluated (in time order), each through the
   * re-enrollment rules of enrollment-rules.ts.
   */
  async enroll(manager: EntityManager, workspaceId: string, events: readonly TrackedEvent[], batch: TriggerBatch, now: Date): Promise<StartPlaybookRunPayload[]> {
    if (events.length === 0) return [];
    await subjectAggregatesStore.save(manager, workspaceId, batch.evaluation, now);
    const matches = [...matchTriggers(events, batch.playbooks), ...batch.evaluation.matches];
    return recordEnrollments(manager, workspaceId, matches, now);
  }

  /** After persons merged: their enrollments and trigger state belong to the surviving person. */
  async movePersonEnrollments(manager: EntityManager, workspaceId: string, merges: readonly { from: string; into: string }[]): Promise<void> {
    for (const { from, into } of merges) {
      await manager.update(EnrollmentEntity, { workspaceId, subjectKind: 'person', subjectId: from }, { subjectId: into });
      await subjectAggregatesStore.movePerson(manager, workspaceId, from, into);
    }
  }
}
