import { z } from 'zod';

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 time');
const id = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
const jsonObject = z.record(z.string(), z.unknown());

/** The envelope of every item (SDK `TriggerItem`); an event's call is validated by ingest's own schemas afterwards. */
export const triggerItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), id, at: isoTime, call: jsonObject.and(z.object({ type: z.string(), messageId: id })) }),
  z.object({
    kind: z.literal('crmChange'),
    id: z.string().min(1).max(300),
    at: isoTime,
    change: z.object({
      object: z.enum(['deal', 'contact', 'company']),
      recordId: id,
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      record: jsonObject,
      person: z.object({ userId: z.string().optional(), email: z.string().optional() }).optional(),
      account: z.object({ groupId: z.string().optional(), domain: z.string().optional() }).optional(),
    }),
  }),
]);

export const pollCheckpointSchema = z.object({
  time: isoTime,
  idsAtTime: z.array(z.string().max(300)).max(10_000),
});

/** Body of POST /internal/trigger-items: items are checked one by one (a bad item is reported, not fatal). */
export const deliveryRequestSchema = z.object({
  workspaceId: z.string().min(1).max(36),
  connectionId: z.string().min(1).max(36),
  trigger: z.string().min(1).max(100),
  items: z.array(z.unknown()).max(50_000),
  checkpoint: pollCheckpointSchema.nullish(),
});
