import type { ReceivedEvent } from '@tripline/playbook';
import type { TrackedEvent } from '../triggers/match-triggers';

/** The event as a run receives it (signal payload and step output). */
export function receivedEventOf(event: Pick<TrackedEvent, 'messageId' | 'event' | 'timestamp' | 'properties'>): ReceivedEvent {
  return { messageId: event.messageId, name: event.event, timestamp: event.timestamp.toISOString(), properties: event.properties };
}
