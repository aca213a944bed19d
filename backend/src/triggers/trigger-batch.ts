import type { PublishedPlaybookVersion } from './match-triggers';
import { EventTimeEvaluation, type EventScoreChanges, type SubjectScores } from './event-time/event-time-evaluation';
import type { WorkspaceTriggers } from './event-time/workspace-triggers';
import type { TimedEvent } from './scored-event';

/**
 * The published playbooks of one ingest batch and the evaluation of their event-time triggers.
 * Made by TriggersService.begin(), fed every track event in time order with its score changes
 * (onEvent), then handed to TriggersService.enroll().
 */
export class TriggerBatch {
  constructor(
    readonly playbooks: readonly PublishedPlaybookVersion[],
    readonly triggers: WorkspaceTriggers,
    readonly evaluation: EventTimeEvaluation,
  ) {}

  /** Scoring models the triggers read: live scoring reports their changes per event (see scoring/live). */
  get scoreReaders(): WorkspaceTriggers['scoreReaders'] {
    return this.triggers.scoreReaders;
  }

  onEvent(event: TimedEvent, changes: EventScoreChanges, scores: SubjectScores): void {
    this.evaluation.onEvent(event, changes, scores);
  }
}
