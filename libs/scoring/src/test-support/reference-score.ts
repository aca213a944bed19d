import type { EventScoringModel, ScoredEvent } from '../model/types';
import { matchRules, rulePoints } from '../rules/match-rules';
import { decayedPoints } from '../state/decay-math';
import { calendarBucketOf } from '../time/calendar';

export interface ReferenceContribution {
  messageId: string;
  ruleId: string;
  timestamp: number;
  points: number;
}

/**
 * Scoring written the slow, obvious way for tests: every distinct event at once, caps by sorting each
 * (rule, person, bucket) group and keeping the first N. What the incremental state must agree with.
 */
export function referenceContributions(model: EventScoringModel, events: readonly ScoredEvent[]): ReferenceContribution[] {
  const distinct = new Map<string, ScoredEvent>();
  for (const event of events) if (!distinct.has(event.messageId)) distinct.set(event.messageId, event);
  const groups = new Map<string, ReferenceContribution[]>();
  const out: ReferenceContribution[] = [];
  for (const event of distinct.values()) {
    for (const rule of matchRules(model, event)) {
      const contribution = { messageId: event.messageId, ruleId: rule.id, timestamp: event.timestamp, points: rulePoints(rule) };
      if (!rule.cap) {
        out.push(contribution);
        continue;
      }
      const key = `${rule.id}|${calendarBucketOf(rule.cap.per, event.timestamp).start}|${event.person?.id ?? ''}`;
      const group = groups.get(key) ?? [];
      group.push(contribution);
      groups.set(key, group);
    }
  }
  for (const [key, group] of groups) {
    const rule = model.rules.find((candidate) => candidate.id === key.split('|')[0])!;
    group.sort((a, b) => a.timestamp - b.timestamp || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
    out.push(...group.slice(0, rule.cap!.count));
  }
  return out;
}

/** The reference score at `at` (which must not be before the newest event). */
export function referenceScore(model: EventScoringModel, events: readonly ScoredEvent[], at: number): { score: number; magnitude: number } {
  let score = 0;
  let magnitude = 0;
  for (const contribution of referenceContributions(model, events)) {
    const points = decayedPoints(model.decay, contribution.points, contribution.timestamp, at);
    score += points;
    magnitude += Math.abs(points);
  }
  return { score, magnitude };
}
