import { z } from 'zod';
import type { AdjustScoreResponse } from './score-types';

/** The answer of POST /internal/scores/adjust, checked before the workflow sees it. */
export const adjustScoreResponseSchema: z.ZodType<AdjustScoreResponse> = z.object({
  score: z.number(),
  tier: z.string().nullable(),
});
