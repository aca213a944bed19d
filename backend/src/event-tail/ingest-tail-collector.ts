import type { ScoreChange } from '@tripline/scoring';
import { sourceOf, type QualitySource } from '../data-quality/event-source';
import type { SegmentCall } from '../ingest/segment/segment-call';
import { eventNameOf, type IngestedEvent } from './ingested-event';
import { liveScoreEffects, type TailModel } from './score-effects';

/** An event stored by the batch, before its score effects are named (that needs the models, read after commit). */
interface StoredEvent extends Omit<IngestedEvent, 'scoreEffects'> {}

/**
 * What one ingest transaction stored and how it moved scores, gathered only while someone listens to
 * the workspace's tail (IngestService asks EventTail for a collector; none means no work at all).
 * Filled inside the transaction, read after it committed. Pure: no I/O.
 */
export class IngestTailCollector {
  private readonly events: StoredEvent[] = [];
  private readonly changes = new Map<string, { person: ScoreChange[]; account: ScoreChange[] }>();

  constructor(readonly workspaceId: string) {}

  /** The calls the transaction stored (new messageIds), their persons, and their persons' accounts. */
  stored(calls: readonly SegmentCall[], personIds: readonly string[], accountOf: (index: number) => string | null, source: QualitySource): void {
    calls.forEach((call, i) => {
      this.events.push({
        messageId: call.messageId,
        type: call.type,
        event: eventNameOf(call),
        userId: call.userId,
        anonymousId: call.anonymousId,
        personId: personIds[i] ?? null,
        accountId: accountOf(i),
        timestamp: call.timestamp,
        receivedAt: call.receivedAt,
        source: sourceOf(source, call),
      });
    });
  }

  /** How live scoring moved scores for one track event (what LiveScoringBatch.apply returned). */
  scored(messageId: string, changes: { person: ScoreChange[]; account: ScoreChange[] }): void {
    if (changes.person.length > 0 || changes.account.length > 0) this.changes.set(messageId, changes);
  }

  get size(): number {
    return this.events.length;
  }

  /** The stored events in the order they were sent, each with its effects under the given event models. */
  ingestedEvents(eventModels: ReadonlyMap<string, TailModel>, limit = Number.POSITIVE_INFINITY): IngestedEvent[] {
    return this.events.slice(0, limit).map((event) => {
      const changes = this.changes.get(event.messageId);
      return { ...event, scoreEffects: changes ? liveScoreEffects(changes, event, eventModels) : [] };
    });
  }
}
