import type { ScoringModel, ScoringModelProblem } from '../types';
import { modelProblem } from '../problem';

/**
 * Tiers are listed in ascending order and do not overlap (bounds are inclusive, so the next tier
 * starts above the previous max). Component scores are 0–100, so their tiers must also cover it:
 * the first starts at 0 or below, the last ends at 100 or above, and each starts at most 1 above the
 * previous max (41 after 40: a score between them belongs to the lower tier).
 */
export function tierProblems(model: ScoringModel): ScoringModelProblem[] {
  const problems: ScoringModelProblem[] = [];
  const { tiers } = model;
  tiers.forEach((tier, index) => {
    if (tier.min > tier.max) problems.push(modelProblem('tiers', ['tiers', index], `"${tier.name}" starts at ${tier.min}, above its max ${tier.max}`));
    const previous = tiers[index - 1];
    if (previous === undefined) return;
    if (tier.min <= previous.max) {
      problems.push(
        modelProblem(
          'tiers',
          ['tiers', index, 'min'],
          tier.min < previous.min
            ? `tiers must be listed in ascending order: "${tier.name}" (from ${tier.min}) comes after "${previous.name}" (from ${previous.min})`
            : `"${tier.name}" starts at ${tier.min}, overlapping "${previous.name}" which ends at ${previous.max}`,
        ),
      );
    } else if (model.kind === 'components' && tier.min > previous.max + 1) {
      problems.push(
        modelProblem('tiers', ['tiers', index, 'min'], `scores between ${previous.max} and ${tier.min} have no tier: "${tier.name}" should start at ${previous.max + 1}`),
      );
    }
  });
  if (model.kind === 'components' && tiers.length > 0) {
    const first = tiers[0]!;
    const last = tiers[tiers.length - 1]!;
    if (first.min > 0) problems.push(modelProblem('tiers', ['tiers', 0, 'min'], `scores from 0 to ${first.min} have no tier: the first tier must start at 0`));
    if (last.max < 100) {
      problems.push(modelProblem('tiers', ['tiers', tiers.length - 1, 'max'], `scores above ${last.max} have no tier: the last tier must end at 100`));
    }
  }
  return problems;
}
