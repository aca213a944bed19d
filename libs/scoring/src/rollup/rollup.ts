import type { EventScoringModel } from '../model/types';

/**
 * An account's score from its members' scores, as the model chooses: sum, max or average (0 with no
 * members). For `sum` there is a cheaper way: keep one ScoreState per account and apply every member's
 * events to it too. Caps count per person (the bucket key includes the person id), so its score equals
 * the sum of the member scores without reading them.
 */
export function rollupAccountScore(model: Pick<EventScoringModel, 'rollup'>, memberScores: readonly number[]): number {
  if (memberScores.length === 0) return 0;
  switch (model.rollup) {
    case 'sum':
      return memberScores.reduce((total, score) => total + score, 0);
    case 'max':
      return Math.max(...memberScores);
    case 'average':
      return memberScores.reduce((total, score) => total + score, 0) / memberScores.length;
  }
}
