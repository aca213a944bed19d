/**
 * zod schemas of the Segment HTTP Tracking API's calls. Unknown top-level fields are allowed (clients
 * add their own, e.g. analytics-node's `_metadata`) but not stored. Ids may be strings or numbers
 * (stored as strings); objects must be JSON objects; times must be ISO-8601 strings.
 */
import { z } from 'zod';
import type { SegmentCallType } from './segment-call';

const MAX_TEXT = 255;

const requiredOr = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`);

/** userId, anonymousId, groupId, previousId, messageId. */
const identifier = z
  .union([z.string(), z.number().finite()], { error: requiredOr('a string or a number') })
  .transform((value) => String(value).trim())
  .pipe(z.string().max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }));

const optionalIdentifier = identifier.nullish();

const jsonObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).nullish();

const isoDate = z
  .string({ error: 'must be an ISO-8601 date-time string' })
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be an ISO-8601 date-time string' })
  .nullish();

const optionalText = z.string({ error: 'must be a string' }).max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }).nullish();

const common = {
  messageId: optionalIdentifier,
  userId: optionalIdentifier,
  anonymousId: optionalIdentifier,
  context: jsonObject,
  integrations: jsonObject,
  timestamp: isoDate,
  originalTimestamp: isoDate,
  sentAt: isoDate,
};

const track = z.looseObject({
  ...common,
  event: z
    .string({ error: requiredOr('a string (the event name)') })
    .min(1, { error: 'must not be empty' })
    .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }),
  properties: jsonObject,
});

const identify = z.looseObject({ ...common, traits: jsonObject });

const group = z.looseObject({ ...common, groupId: identifier, traits: jsonObject });

const pageOrScreen = z.looseObject({ ...common, name: optionalText, category: optionalText, properties: jsonObject });

const alias = z.looseObject({ ...common, userId: identifier, previousId: identifier });

export const CALL_SCHEMAS = {
  track,
  identify,
  group,
  page: pageOrScreen,
  screen: pageOrScreen,
  alias,
} satisfies Record<SegmentCallType, z.ZodType>;

/** What any call schema yields (each call type fills its own fields). */
export interface ParsedCall {
  messageId?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
  previousId?: string | null;
  groupId?: string | null;
  event?: string;
  name?: string | null;
  category?: string | null;
  properties?: Record<string, unknown> | null;
  traits?: Record<string, unknown> | null;
  context?: Record<string, unknown> | null;
  timestamp?: string | null;
  originalTimestamp?: string | null;
  sentAt?: string | null;
}

/** The envelope of POST /v1/batch: its context and integrations are merged into every call. */
export const batchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown(), { error: requiredOr('an array of calls') }),
  context: jsonObject,
  integrations: jsonObject,
  sentAt: isoDate,
});
