import { z } from 'zod';

/** The answers of /internal/frequency-caps/*, checked before the worker acts on them. */
export const frequencyCapClaimSchema = z.union([
  z.object({ granted: z.literal(true), state: z.enum(['reserved', 'committed']), tookOverFrom: z.string().optional() }),
  z.object({ granted: z.literal(false), reason: z.string(), retryAt: z.string().optional() }),
]);

export const frequencyCapCommitSchema = z.union([
  z.object({ committed: z.literal(true) }),
  z.object({ committed: z.literal(false), reason: z.string() }),
]);
