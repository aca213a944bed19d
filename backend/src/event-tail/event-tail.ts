import { Injectable, Logger } from '@nestjs/common';
import { GraphqlPubSub } from '../graphql/pubsub';
import { PublishedScoringModelsService } from '../scoring/published-scoring-models.service';
import { matchesTailFilter, type EventTailFilterValues } from './event-tail-filter';
import { IngestTailCollector } from './ingest-tail-collector';
import type { IngestedEvent } from './ingested-event';
import { eventModelsById } from './score-effects';

/**
 * How many events of one batch go out on the tail. A tail is for watching, not for export: a batch
 * of thousands of tiny calls must not cost thousands of deliveries per subscriber (each subscriber's
 * queue is bounded by GraphqlPubSub as well).
 */
export const MAX_TAIL_EVENTS_PER_BATCH = 500;

/**
 * The eventsIngested feed: one topic per workspace, so a subscriber only ever hears its own
 * workspace. Ingest asks for a collector at the start of its transaction — null while nobody listens,
 * so the hot path does no extra work — and hands it back after COMMIT; publishing then happens on a
 * later turn of the event loop and never throws, so it can neither fail nor slow the ingest response.
 */
@Injectable()
export class EventTail {
  private readonly logger = new Logger('EventTail');

  constructor(
    private readonly pubsub: GraphqlPubSub,
    private readonly models: PublishedScoringModelsService,
  ) {}

  /** A collector for one ingest transaction, or null when no one listens to the workspace's tail. */
  collector(workspaceId: string): IngestTailCollector | null {
    return this.pubsub.listenerCount(eventsIngestedTopic(workspaceId)) > 0 ? new IngestTailCollector(workspaceId) : null;
  }

  /** Call only after the transaction that filled `collector` committed. Returns at once. */
  publishAfterCommit(collector: IngestTailCollector): void {
    if (collector.size === 0) return;
    setImmediate(() => {
      this.publish(collector).catch((error: unknown) => this.logger.warn(`eventsIngested not published: ${(error as Error).stack ?? String(error)}`));
    });
  }

  subscribe(workspaceId: string, filter: EventTailFilterValues = {}): AsyncIterableIterator<IngestedEvent> {
    return this.pubsub.subscribe<IngestedEvent>(eventsIngestedTopic(workspaceId), (event) => matchesTailFilter(event, filter));
  }

  private async publish(collector: IngestTailCollector): Promise<void> {
    const topic = eventsIngestedTopic(collector.workspaceId);
    // Listeners may have left while the transaction ran.
    if (this.pubsub.listenerCount(topic) === 0) return;
    const published = await this.models.findPublished(collector.workspaceId);
    const eventModels = eventModelsById(published.map((m) => ({ modelId: m.modelId, name: m.definition.name, definition: m.definition })));
    for (const event of collector.ingestedEvents(eventModels, MAX_TAIL_EVENTS_PER_BATCH)) await this.pubsub.publish(topic, event);
    if (collector.size > MAX_TAIL_EVENTS_PER_BATCH) {
      this.logger.debug?.(`eventsIngested: ${collector.size - MAX_TAIL_EVENTS_PER_BATCH} events of one batch not published (limit ${MAX_TAIL_EVENTS_PER_BATCH})`);
    }
  }
}

export function eventsIngestedTopic(workspaceId: string): string {
  return `eventsIngested:${workspaceId}`;
}
