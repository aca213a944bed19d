import { randomUUID } from 'node:crypto';
import type { EventTriggerItem } from '@tripline/connector-sdk';
import { IngestError } from '../ingest/segment/ingest-error';
import { validateSegmentBody } from '../ingest/segment/parse-segment-request';
import { SEGMENT_CALL_TYPES, type SegmentCall, type SegmentCallType } from '../ingest/segment/segment-call';

export interface RejectedItem {
  /** Position in the delivery's `items`. */
  index: number;
  id: string | null;
  error: string;
}

/**
 * Event items become the same validated calls a /v1 request makes (ingest's own schemas, ids as
 * strings, 255-character limits), so scores and triggers cannot tell a connector's events from
 * Segment's. A call that fails is rejected alone and reported: one bad vendor record must not stop
 * a poller forever.
 */
export function callsOfEventItems(items: readonly { index: number; item: EventTriggerItem }[], receivedAt: Date): { calls: SegmentCall[]; rejected: RejectedItem[] } {
  const calls: SegmentCall[] = [];
  const rejected: RejectedItem[] = [];
  for (const { index, item } of items) {
    const type = item.call.type as string;
    if (!(SEGMENT_CALL_TYPES as readonly string[]).includes(type)) {
      rejected.push({ index, id: item.id, error: `call.type: must be one of ${SEGMENT_CALL_TYPES.join(', ')}` });
      continue;
    }
    try {
      calls.push(...validateSegmentBody(type as SegmentCallType, { ...item.call }, receivedAt, randomUUID));
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      rejected.push({ index, id: item.id, error: `call.${error.message}` });
    }
  }
  return { calls, rejected };
}
