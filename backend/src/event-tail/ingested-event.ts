import type { SegmentCallType } from '../ingest/segment/segment-call';

/** How one event moved one subject's score under one live event model. */
export interface EventScoreEffect {
  modelId: string;
  modelName: string;
  subjectKind: 'person' | 'account';
  subjectId: string;
  /** scoreAfter − scoreBefore: the event's points (2 decimals). */
  points: number;
  /** The score at the event's time without it, and with it (2 decimals). */
  scoreBefore: number;
  scoreAfter: number;
  /** null when the model has no tier for the score (or no tiers). */
  tierBefore: string | null;
  tierAfter: string | null;
}

/** One stored event as the live tail shows it: what eventsIngested publishes and recentEvents reads. */
export interface IngestedEvent {
  messageId: string;
  type: SegmentCallType;
  /** track: the event name; page / screen: the page or screen name; otherwise null. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  personId: string | null;
  /** The person's account (as known right after the batch that stored the event). */
  accountId: string | null;
  timestamp: Date;
  receivedAt: Date;
  /** Where it came from, e.g. `segment:analytics-node` (see data-quality/event-source.ts). */
  source: string | null;
  scoreEffects: EventScoreEffect[];
}

/** The name the tail shows for a call: the track event, or the page / screen name. */
export function eventNameOf(call: { type: SegmentCallType; event: string | null; name: string | null }): string | null {
  if (call.type === 'track') return call.event;
  if (call.type === 'page' || call.type === 'screen') return call.name;
  return null;
}
