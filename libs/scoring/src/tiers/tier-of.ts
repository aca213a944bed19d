import type { ScoringModel, Tier } from '../model/types';

/**
 * The tier a score falls in: the last tier, in ascending order, whose `min` the score reaches. So with
 * Low 0–40 / Medium 41–70 / High 71–100, 40 and 40.5 are Low, 41 is Medium, 71 and 250 are High, and a
 * score below the first tier's `min` (a negative event score, say) has no tier (null).
 */
export function tierOf(model: Pick<ScoringModel, 'tiers'>, score: number): Tier | null {
  let found: Tier | null = null;
  for (const tier of [...model.tiers].sort((a, b) => a.min - b.min)) {
    if (score >= tier.min) found = tier;
  }
  return found;
}
