import type { ScoredEvent } from '@tripline/scoring';
import type { TrackedEvent } from './match-triggers';

/** A stored track event together with the shape scoring and trigger evaluation read. */
export interface TimedEvent {
  tracked: TrackedEvent;
  scored: ScoredEvent;
}

export function scoredEventOf(event: TrackedEvent): ScoredEvent {
  return {
    messageId: event.messageId,
    event: event.event,
    timestamp: event.timestamp.getTime(),
    properties: event.properties,
    person: { id: event.person.id, traits: event.person.traits },
    ...(event.account ? { account: { id: event.account.id, traits: event.account.traits } } : {}),
  };
}

/**
 * A batch's track events in event-time order (ties by messageId), the order scores and window
 * aggregates are updated in: a batch is a slice of history, whatever order its calls were sent in.
 */
export function inTimeOrder(events: readonly TrackedEvent[]): TimedEvent[] {
  return events
    .map((tracked) => ({ tracked, scored: scoredEventOf(tracked) }))
    .sort((a, b) => a.scored.timestamp - b.scored.timestamp || (a.scored.messageId < b.scored.messageId ? -1 : a.scored.messageId > b.scored.messageId ? 1 : 0));
}
