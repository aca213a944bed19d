/** The Segment HTTP Tracking API's call types, as stored. */
export const SEGMENT_CALL_TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

export type JsonObject = Record<string, unknown>;

/** One validated, normalized call, ready to store: ids as strings, times as Dates. */
export interface SegmentCall {
  type: SegmentCallType;
  messageId: string;
  /** track: the event name */
  event: string | null;
  /** page / screen */
  name: string | null;
  category: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** alias */
  previousId: string | null;
  /** group */
  groupId: string | null;
  properties: JsonObject;
  /** identify: the person's traits; group: the account's traits */
  traits: JsonObject;
  context: JsonObject;
  /** Clock-skew corrected. */
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
}
