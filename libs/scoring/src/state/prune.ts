import type { EventScoringModel } from '../model/types';
import { halfLifeFactor } from './decay-math';
import { horizonMs, pruneIntervalMs } from './horizon';
import { rememberRecent } from './recent';
import { noteBucketsChanged, type ScoreState } from './score-state';

/**
 * Drops what can no longer matter once `newest` has moved on: cap buckets past the horizon (window
 * decay: discarded, they are out of the window; otherwise folded into `sum` and `recent`, their
 * counted events final), message ids past the horizon and window entries past the window. What the
 * state answers is the same before and after, so when pruning runs never changes a score.
 */
export function pruneScoreState(model: EventScoringModel, state: ScoreState): void {
  if (state.newest === null) return;
  const decay = model.decay;
  const cutoff = state.newest - horizonMs(decay);
  let deleted = false;
  for (const key in state.buckets) {
    const bucket = state.buckets[key]!;
    if (bucket.end > cutoff) continue;
    if (decay.kind !== 'window') {
      for (const entry of bucket.entries) {
        state.sum += decay.kind === 'halfLife' ? entry.points * halfLifeFactor(decay, entry.timestamp, state.anchor) : entry.points;
        rememberRecent(state, entry);
      }
    }
    delete state.buckets[key];
    deleted = true;
  }
  if (deleted) noteBucketsChanged(state);
  for (const key in state.seen) {
    if (state.seen[key]! <= cutoff) delete state.seen[key];
  }
  if (decay.kind === 'window') {
    let expired = 0;
    while (expired < state.window.length && state.window[expired]![0] <= cutoff) expired += 1;
    if (expired > 0) state.window.splice(0, expired);
    for (const key in state.recent) {
      const kept = state.recent[key]!.filter((entry) => entry.timestamp > cutoff);
      if (kept.length === 0) delete state.recent[key];
      else state.recent[key] = kept;
    }
  }
  state.pruneAt = state.newest + pruneIntervalMs(decay);
}
