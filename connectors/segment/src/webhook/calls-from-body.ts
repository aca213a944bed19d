import { createHash } from 'node:crypto';
import { InvalidInputError, type EventTriggerItem, type SegmentShapedCall } from '@tripline/connector-sdk';

const CALL_TYPES = new Set<SegmentShapedCall['type']>(['track', 'identify', 'group', 'page', 'screen', 'alias']);
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);
const object = (value: unknown): Json | undefined => (isObject(value) ? value : undefined);

/**
 * The calls of one webhook request: Segment's classic destination sends one call per request, the
 * Actions destination in batch mode a JSON array (some senders wrap it as `{ "batch": [...] }`).
 */
function callsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body.batch)) return body.batch;
  if (isObject(body)) return [body];
  throw new InvalidInputError('The Segment webhook body must be a JSON object (one call) or an array of calls', [{ field: '', message: 'not an object or array' }]);
}

/**
 * A call keeps the messageId Segment gave it, so a redelivery (or the same call also sent to /v1)
 * is stored once. A call without one gets a digest of its content: a replay of the same bytes
 * dedupes, a different call does not collide.
 */
function messageIdOf(call: Json): string {
  return text(call.messageId) ?? `segment-webhook:${createHash('sha256').update(JSON.stringify(call)).digest('hex').slice(0, 40)}`;
}

function timestampOf(call: Json, receivedAt: string): string {
  for (const candidate of [call.timestamp, call.originalTimestamp, call.receivedAt]) {
    if (typeof candidate === 'string' && !Number.isNaN(Date.parse(candidate))) return new Date(candidate).toISOString();
  }
  return receivedAt;
}

/** One call → one event item; the fields ingest validates (event name, ids) pass through as sent. */
function itemOf(call: unknown, index: number, receivedAt: string): EventTriggerItem {
  if (!isObject(call)) {
    throw new InvalidInputError(`Call ${index} of the Segment webhook body is not a JSON object`, [{ field: `[${index}]`, message: 'must be a JSON object' }]);
  }
  const type = call.type;
  if (typeof type !== 'string' || !CALL_TYPES.has(type as SegmentShapedCall['type'])) {
    throw new InvalidInputError(`Call ${index} of the Segment webhook body has type ${JSON.stringify(type)}; expected one of ${[...CALL_TYPES].join(', ')}`, [
      { field: `[${index}].type`, message: 'unknown call type' },
    ]);
  }
  const messageId = messageIdOf(call);
  const timestamp = timestampOf(call, receivedAt);
  const shaped: SegmentShapedCall = { type: type as SegmentShapedCall['type'], messageId, timestamp };
  const fields: [keyof SegmentShapedCall, string | Json | undefined][] = [
    ['userId', text(call.userId)],
    ['anonymousId', text(call.anonymousId)],
    ['event', typeof call.event === 'string' ? call.event : undefined],
    ['name', typeof call.name === 'string' ? call.name : undefined],
    ['groupId', text(call.groupId)],
    ['previousId', text(call.previousId)],
    ['properties', object(call.properties)],
    ['traits', object(call.traits)],
    ['context', object(call.context)],
  ];
  for (const [field, value] of fields) if (value !== undefined) (shaped as unknown as Json)[field] = value;
  return { kind: 'event', id: messageId, at: timestamp, call: shaped };
}

/** Parses a verified webhook body into event items (InvalidInputError for a body that is not Segment's). */
export function itemsFromSegmentBody(rawBody: Buffer, now: number): EventTriggerItem[] {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError(`The Segment webhook body is not JSON: ${(error as Error).message}`, [{ field: '', message: 'malformed JSON' }]);
  }
  const receivedAt = new Date(now).toISOString();
  return callsOf(body).map((call, index) => itemOf(call, index, receivedAt));
}
