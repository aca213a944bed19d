import type { SyntheticDataset } from './generate-events';

/** A Segment HTTP API call (the subset the generator produces). */
export type SegmentCall =
  | { type: 'identify'; userId: string; traits: Record<string, unknown>; timestamp: string; messageId: string }
  | { type: 'group'; userId: string; groupId: string; traits: Record<string, unknown>; timestamp: string; messageId: string }
  | { type: 'track'; userId: string; event: string; properties: Record<string, unknown>; timestamp: string; messageId: string };

/**
 * The dataset as Segment calls, in time order: each person is identified and grouped into their
 * account a second before their first event, then their track calls follow.
 */
export function segmentCallsOf(dataset: SyntheticDataset): SegmentCall[] {
  const calls: SegmentCall[] = [];
  const introduced = new Set<string>();
  for (const event of dataset.events) {
    const person = event.person!;
    if (!introduced.has(person.id)) {
      introduced.add(person.id);
      const before = new Date(event.timestamp - 1000).toISOString();
      calls.push({ type: 'identify', userId: person.id, traits: person.traits, timestamp: before, messageId: `${event.messageId}-identify` });
      if (event.account) {
        calls.push({ type: 'group', userId: person.id, groupId: event.account.id, traits: event.account.traits, timestamp: before, messageId: `${event.messageId}-group` });
      }
    }
    calls.push({ type: 'track', userId: person.id, event: event.event, properties: event.properties, timestamp: new Date(event.timestamp).toISOString(), messageId: event.messageId });
  }
  return calls;
}
