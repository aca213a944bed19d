import type { ScoringModel, Tier } from '../model/types';

/** Whether the tiers are already in ascending `min` order (then sorting them changes nothing: the sort is stable). */
function ascending(tiers: readonly Tier[]): boolean {
  for (let index = 1; index < tiers.length; index += 1) if (!(tiers[index - 1]!.min <= tiers[index]!.min)) return false;
  return true;
}

/**
 * The tier a score falls in: the last tier, in ascending order, whose `min` the score reaches. So with
 * Low 0–40 / Medium 41–70 / High 71–100, 40 and 40.5 are Low, 41 is Medium, 71 and 250 are High, and a
 * score below the first tier's `min` (a negative event score, say) has no tier (null).
 */
export function tierOf(model: Pick<ScoringModel, 'tiers'>, score: number): Tier | null {
  // Valid models list tiers in order: read them as they are (no copy, no sort per call).
  const tiers = ascending(model.tiers) ? model.tiers : [...model.tiers].sort((a, b) => a.min - b.min);
  let found: Tier | null = null;
  for (let index = 0; index < tiers.length; index += 1) {
    if (score >= tiers[index]!.min) found = tiers[index]!;
  }
  return found;
}
