import type { EventScoringModel } from '../model/types';
import { decayedPoints, halfLifeFactor, inWindow } from './decay-math';
import type { ScoreState } from './score-state';

/**
 * The time a state is read at: never before its newest event (a half-life sum cannot leave out
 * events that happen after `at`), so asking earlier reads at the newest event.
 */
export function effectiveReadTime(state: ScoreState, at: number): number {
  return state.newest !== null && state.newest > at ? state.newest : at;
}

/**
 * The subject's score at `at` (epoch ms) with full precision; round with roundScore() for display.
 * Half-life: every point is worth 2^(−age/h). Window: events younger than the window, at full value.
 */
export function scoreAt(model: EventScoringModel, state: ScoreState | undefined, at: number): number {
  if (state === undefined || state.newest === null) return 0;
  const decay = model.decay;
  const time = effectiveReadTime(state, at);
  let score = 0;
  if (decay.kind === 'halfLife') score = state.sum * halfLifeFactor(decay, state.anchor, time);
  else if (decay.kind === 'none') score = state.sum;
  else {
    for (const [timestamp, points] of state.window) if (inWindow(decay, timestamp, time)) score += points;
  }
  for (const bucket of Object.values(state.buckets)) {
    for (const entry of bucket.entries) score += decayedPoints(decay, entry.points, entry.timestamp, time);
  }
  return score;
}

/** Two decimals, for display and storage in score history; computations keep the full value. */
export function roundScore(score: number): number {
  const rounded = Math.round(score * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}
