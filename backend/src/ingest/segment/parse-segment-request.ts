/**
 * Turns the raw body of one Segment HTTP API request into validated calls, or an IngestError naming
 * the problem. Pure: no I/O, so every rule here is unit-tested.
 *
 * A batch is all-or-nothing: one bad item rejects the whole request with its index (Segment itself
 * accepts the good items). A client retries a rejected request unchanged, so accepting part of it
 * would either lose the bad item silently or store the good ones twice; rejecting all of it keeps
 * "every 2xx means every call is stored" true, and messageId dedupe makes a corrected resend safe.
 */
import { correctedTimestamp } from './clock-skew';
import { IngestError } from './ingest-error';
import { JsonObject, SEGMENT_CALL_TYPES, SegmentCall, SegmentCallType } from './segment-call';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './segment-limits';
import { batchEnvelopeSchema, CALL_SCHEMAS, ParsedCall } from './segment-schemas';

export type SegmentRoute = SegmentCallType | 'batch';

export interface ParsedSegmentRequest {
  calls: SegmentCall[];
  /** `writeKey` from the body, when given there. */
  writeKey: string | null;
}

interface Envelope {
  context: JsonObject;
  sentAt: string | null;
}

/** Both phases at once (tests and callers that authenticate by header only). */
export function parseSegmentRequest(route: SegmentRoute, raw: Buffer, receivedAt: Date, newId: () => string): ParsedSegmentRequest {
  const { body, writeKey } = readSegmentBody(route, raw);
  return { calls: validateSegmentBody(route, body, receivedAt, newId), writeKey };
}

/**
 * Phase 1: the size limits (on the raw bytes, before parsing) and JSON. Returns the body and the
 * `writeKey` it carries, so a request can be authenticated before its calls are validated.
 */
export function readSegmentBody(route: SegmentRoute, raw: Buffer): { body: JsonObject; writeKey: string | null } {
  checkRequestSize(route, raw.length);
  const body = parseJson(raw);
  const writeKey = typeof body.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : null;
  return { body, writeKey };
}

/** Phase 2: every call validated and normalized (ids, times, clock skew, batch context). */
export function validateSegmentBody(route: SegmentRoute, body: JsonObject, receivedAt: Date, newId: () => string): SegmentCall[] {
  if (route !== 'batch') {
    const parsed = validateCall(route, body, '');
    return [normalize(route, parsed, { context: {}, sentAt: null }, receivedAt, newId, '')];
  }
  const envelope = batchEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw invalid(envelope.error.issues, '');
  const shared: Envelope = { context: envelope.data.context ?? {}, sentAt: envelope.data.sentAt ?? null };
  return envelope.data.batch.map((item, index) => {
    const prefix = `batch[${index}]`;
    if (!isJsonObject(item)) throw new IngestError(400, `${prefix}: must be a JSON object`, { field: prefix, index });
    const bytes = Buffer.byteLength(JSON.stringify(item), 'utf8');
    if (bytes > MAX_EVENT_BYTES) {
      throw new IngestError(400, `${prefix}: Event exceeds 32 KB limit (${bytes} bytes)`, { field: prefix, index, limit: '32 KB' });
    }
    const type = item.type;
    if (typeof type !== 'string' || !(SEGMENT_CALL_TYPES as readonly string[]).includes(type)) {
      const field = `${prefix}.type`;
      throw new IngestError(400, `${field}: must be one of ${SEGMENT_CALL_TYPES.join(', ')}`, { field, index });
    }
    const parsed = validateCall(type as SegmentCallType, item, prefix, index);
    return normalize(type as SegmentCallType, parsed, shared, receivedAt, newId, prefix, index);
  });
}

function checkRequestSize(route: SegmentRoute, bytes: number): void {
  if (route === 'batch' && bytes > MAX_BATCH_BYTES) {
    throw new IngestError(400, `Batch exceeds 500 KB limit (${bytes} bytes)`, { limit: '500 KB' });
  }
  if (route !== 'batch' && bytes > MAX_EVENT_BYTES) {
    throw new IngestError(400, `Event exceeds 32 KB limit (${bytes} bytes)`, { limit: '32 KB' });
  }
}

function parseJson(raw: Buffer): JsonObject {
  if (raw.length === 0) throw new IngestError(400, 'Request body is empty: send a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new IngestError(400, `Malformed JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(body)) throw new IngestError(400, 'Request body must be a JSON object');
  return body;
}

function validateCall(type: SegmentCallType, body: JsonObject, prefix: string, index?: number): ParsedCall {
  const result = CALL_SCHEMAS[type].safeParse(body);
  if (!result.success) throw invalid(result.error.issues, prefix, index);
  const parsed = result.data as ParsedCall;
  if (type !== 'alias' && !parsed.userId && !parsed.anonymousId) {
    const field = join(prefix, 'userId');
    throw new IngestError(400, `${field}: a ${type} call needs a userId or an anonymousId`, { field, ...(index === undefined ? {} : { index }) });
  }
  return parsed;
}

function normalize(type: SegmentCallType, call: ParsedCall, envelope: Envelope, receivedAt: Date, newId: () => string, prefix: string, index?: number): SegmentCall {
  const sentAt = toDate(call.sentAt ?? envelope.sentAt);
  // Segment's originalTimestamp is the client's own reading; a client replaying processed data may send both.
  const originalTimestamp = toDate(call.originalTimestamp ?? call.timestamp);
  const timestamp = correctedTimestamp({ timestamp: originalTimestamp, sentAt, receivedAt });
  if (Number.isNaN(timestamp.getTime())) {
    // Each date parses, but sentAt and the timestamp lie so far apart that the corrected time is no date at all.
    const field = join(prefix, 'sentAt');
    throw new IngestError(400, `${field}: is too far from the timestamp to correct the clock skew (the result is not a date)`, { field, ...(index === undefined ? {} : { index }) });
  }
  return {
    type,
    messageId: call.messageId || newId(),
    event: type === 'track' ? call.event! : null,
    name: type === 'page' || type === 'screen' ? call.name || null : null,
    category: type === 'page' || type === 'screen' ? call.category || null : null,
    userId: call.userId || null,
    anonymousId: call.anonymousId || null,
    previousId: type === 'alias' ? call.previousId || null : null,
    groupId: type === 'group' ? call.groupId || null : null,
    properties: type === 'track' || type === 'page' || type === 'screen' ? (call.properties ?? {}) : {},
    traits: type === 'identify' || type === 'group' ? (call.traits ?? {}) : {},
    context: { ...envelope.context, ...(call.context ?? {}) },
    timestamp,
    originalTimestamp,
    sentAt,
    receivedAt,
  };
}

function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix: string, index?: number): IngestError {
  const listed = issues.slice(0, 20).map((issue) => ({ field: join(prefix, formatPath(issue.path)) || '(body)', message: issue.message }));
  const first = listed[0];
  return new IngestError(400, `${first.field}: ${first.message}`, { field: first.field, ...(index === undefined ? {} : { index }), issues: listed });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function join(prefix: string, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
