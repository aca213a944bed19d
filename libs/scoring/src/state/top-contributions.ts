import type { EventScoringModel } from '../model/types';
import { decayedPoints } from './decay-math';
import { RECENT_PER_RULE, type ScoreState, type StoredContribution } from './score-state';
import { effectiveReadTime } from './score-at';

/** One event's share of a score at a point in time: "why this score". */
export interface TopContribution {
  messageId: string;
  ruleId: string;
  event: string;
  /** When the event happened, epoch ms. */
  timestamp: number;
  /** What it is worth now, after decay. */
  points: number;
  /** What it scored when it happened (points × weight). */
  basePoints: number;
}

function rankOrder(a: TopContribution, b: TopContribution): number {
  const size = Math.abs(b.points) - Math.abs(a.points);
  if (size !== 0) return size;
  if (a.timestamp !== b.timestamp) return b.timestamp - a.timestamp;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * The `n` events that contribute most to the score at `at`, largest first by absolute value (a big
 * negative is part of "why"), then newest. Events whose points have decayed to nothing or left the
 * window are not listed. Exact for n ≤ RECENT_PER_RULE (20), which is also the most it returns.
 */
export function topContributions(model: EventScoringModel, state: ScoreState | undefined, at: number, n: number): TopContribution[] {
  if (state === undefined || state.newest === null || n <= 0) return [];
  const time = effectiveReadTime(state, at);
  const ranked: TopContribution[] = [];
  const consider = (entry: StoredContribution): void => {
    const points = decayedPoints(model.decay, entry.points, entry.timestamp, time);
    if (points === 0) return;
    ranked.push({ messageId: entry.messageId, ruleId: entry.ruleId, event: entry.event, timestamp: entry.timestamp, points, basePoints: entry.points });
  };
  for (const entries of Object.values(state.recent)) entries.forEach(consider);
  for (const bucket of Object.values(state.buckets)) bucket.entries.forEach(consider);
  ranked.sort(rankOrder);
  return ranked.slice(0, Math.min(n, RECENT_PER_RULE));
}
