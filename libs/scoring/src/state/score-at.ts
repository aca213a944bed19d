import type { Decay, EventScoringModel } from '../model/types';
import { decayedPoints, inWindow } from './decay-math';
import { DAY_MS } from '../time/calendar';
import { bucketTermsOf, type CapBucket, type ScoreState } from './score-state';

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
 * The arithmetic is decayedPoints() / halfLifeFactor() written out (the same operations in the same
 * order, so the same bits), over the buckets in key order: a hot path of ingest and backtests.
 */
export function scoreAt(model: EventScoringModel, state: ScoreState | undefined, at: number): number {
  if (state === undefined || state.newest === null) return 0;
  const decay = model.decay;
  const time = effectiveReadTime(state, at);
  const terms = bucketTermsOf(state);
  let score = 0;
  if (decay.kind === 'halfLife') {
    const halfLife = decay.days * DAY_MS;
    score = state.sum * Math.pow(2, (state.anchor - time) / halfLife);
    for (let index = 0; index < terms.length; index += 2) score += terms[index + 1]! * Math.pow(2, (terms[index]! - time) / halfLife);
    return score;
  }
  if (decay.kind === 'none') {
    score = state.sum;
    for (let index = 0; index < terms.length; index += 2) score += terms[index + 1]!;
    return score;
  }
  if (decay.kind !== 'window') return scoreAtAnyDecay(model, state, time);
  const start = time - decay.days * DAY_MS;
  const window = state.window;
  for (let index = 0; index < window.length; index += 1) if (window[index]![0] > start) score += window[index]![1];
  for (let index = 0; index < terms.length; index += 2) score += terms[index]! > start ? terms[index + 1]! : 0;
  return score;
}

/**
 * scoreAt(model, state, at) for a state that, since `before` = scoreAt(model, previous state, at) was
 * read, only gained one new cap bucket (see ApplyTrace): its entry is the last term of the same sum,
 * so adding it to `before` gives the same bits without walking the other buckets again.
 */
export function scoreAfterAppend(model: EventScoringModel, state: ScoreState, at: number, before: number, bucket: CapBucket): number {
  const decay = model.decay;
  const time = effectiveReadTime(state, at);
  let score = before;
  const entries = bucket.entries;
  for (let position = 0; position < entries.length; position += 1) {
    const entry = entries[position]!;
    if (decay.kind === 'halfLife') score += entry.points * Math.pow(2, (entry.timestamp - time) / (decay.days * DAY_MS));
    else if (decay.kind === 'none') score += entry.points;
    else if (decay.kind === 'window') score += entry.timestamp > time - decay.days * DAY_MS ? entry.points : 0;
    else return scoreAt(model, state, at);
  }
  return score;
}

/** The plain form, for a decay this file does not write out (not one a valid model has). */
function scoreAtAnyDecay(model: EventScoringModel, state: ScoreState, time: number): number {
  let score = 0;
  for (const [timestamp, points] of state.window) if (inWindow(model.decay as Decay & { kind: 'window' }, timestamp, time)) score += points;
  for (const bucket of Object.values(state.buckets)) for (const entry of bucket.entries) score += decayedPoints(model.decay, entry.points, entry.timestamp, time);
  return score;
}

/**
 * Two decimals, for display and storage in score history; computations keep the full value.
 * The same events summed in another order can differ in the last bits (floating-point addition is
 * not associative), which would flip a value on a half-cent boundary (1207.8649999999998 vs
 * 1207.865). Rounding to 12 significant digits first makes both the same number, so the score shown
 * does not depend on arrival order.
 */
export function roundScore(score: number): number {
  const rounded = Math.round(Number(score.toPrecision(12)) * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}
