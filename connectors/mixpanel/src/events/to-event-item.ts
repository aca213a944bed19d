import { createHash } from 'node:crypto';
import type { EventTriggerItem } from '@tripline/connector-sdk';
import type { RawExportEvent } from '../export/read-export';
import { eventIdentity } from './event-identity';
import { eventInstant } from './event-time';
import { eventProperties } from './event-properties';

export type EventMapping = { ok: true; item: EventTriggerItem } | { ok: false; reason: 'no time' | 'no distinct_id' };

/**
 * One exported Mixpanel event as a Tripline event item: a `track` call whose messageId is
 * `mixpanel:<$insert_id>`, so ingest drops the same event when it comes again.
 *
 * Events without `$insert_id` (old clients, some imports) get a stable id instead: `h-` and a SHA-256
 * of event name, distinct_id and time. Two such events with the same name, person and time are
 * therefore one event to us — Mixpanel itself treats name + distinct_id + time (+ insert id) as an
 * event's identity when it deduplicates.
 */
export function toEventItem(raw: RawExportEvent, projectTimezone: string): EventMapping {
  const { properties } = raw;
  const at = eventInstant(properties.time, projectTimezone);
  if (at === undefined) return { ok: false, reason: 'no time' };
  const identity = eventIdentity(properties);
  if (!identity.userId && !identity.anonymousId) return { ok: false, reason: 'no distinct_id' };
  const id = insertIdOf(properties.$insert_id) ?? fallbackId(raw.event, properties.distinct_id, properties.time);
  const timestamp = new Date(at).toISOString();
  return {
    ok: true,
    item: {
      kind: 'event',
      id,
      at: timestamp,
      call: {
        type: 'track',
        messageId: `mixpanel:${id}`,
        ...identity,
        event: raw.event,
        properties: eventProperties(properties),
        timestamp,
      },
    },
  };
}

function insertIdOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A stable id for an event without `$insert_id` (see toEventItem). */
export function fallbackId(event: string, distinctId: unknown, time: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify([event, distinctId ?? null, time ?? null])).digest('hex');
  return `h-${digest.slice(0, 32)}`;
}
