import { defineAuth } from '@tripline/connector-sdk';
import { z } from 'zod';

export const segmentConfigSchema = z.object({
  /** The "Shared Secret" set in the Segment destination's settings; Segment signs every request with it. */
  sharedSecret: z.string().min(8, 'Shared secret is required (at least 8 characters, as set in the Segment destination)'),
});

export type SegmentConfig = z.output<typeof segmentConfigSchema>;

/**
 * Segment calls us, we never call Segment: the only credential is the shared secret its webhook
 * destination signs with, and nothing at Segment could tell us whether it is right. So there is no
 * `test`: the first signed call (or a 401 naming a bad signature) is the check.
 */
export const segmentAuth = defineAuth({
  kind: 'apiKey',
  config: segmentConfigSchema,
  secretFields: ['sharedSecret'],
});
