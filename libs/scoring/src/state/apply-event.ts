import type { EventRule, EventScoringModel, ScoredEvent } from '../model/types';
import { matchRules, rulePoints } from '../rules/match-rules';
import { calendarBucketOf } from '../time/calendar';
import { anchorFor, halfLifeFactor } from './decay-math';
import { horizonMs } from './horizon';
import { pruneScoreState } from './prune';
import { rememberRecent } from './recent';
import { cloneScoreState, createScoreState, stateKey, type ScoreState, type StoredContribution } from './score-state';
import { addToTimeline, earlierFirst, insertionIndex } from './sorted-entries';

/** What one event did to a score. Points are as scored at the event's time, before decay. */
export interface EventContribution {
  messageId: string;
  event: string;
  timestamp: number;
  /** Σ points × weight over the rules that counted this event. */
  points: number;
  rules: { ruleId: string; points: number }[];
  /** Capped events this one pushed out of their cap bucket: it happened earlier but arrived later. */
  displaced: { messageId: string; ruleId: string; points: number }[];
}

export type ApplyOutcome =
  /** At least one rule counted the event. */
  | 'scored'
  /** No rule matches the event: the state is untouched. */
  | 'no_matching_rule'
  /** This messageId was already scored. */
  | 'duplicate'
  /** Every matching rule is capped and its bucket already holds earlier events. */
  | 'capped'
  /** Older than the lateness horizon behind the subject's newest event (see horizon.ts) and nothing could count. */
  | 'too_late';

export interface ApplyEventResult {
  state: ScoreState;
  /** null unless outcome is 'scored'. */
  contribution: EventContribution | null;
  outcome: ApplyOutcome;
}

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

function checkEvent(event: ScoredEvent): void {
  if (typeof event?.messageId !== 'string' || event.messageId === '') throw new TypeError('a scored event needs a messageId (a non-empty string)');
  if (typeof event.event !== 'string') throw new TypeError(`event ${event.messageId}: "event" must be the event name (a string)`);
  if (typeof event.timestamp !== 'number' || !Number.isFinite(event.timestamp)) {
    throw new TypeError(`event ${event.messageId}: "timestamp" must be epoch milliseconds (a finite number)`);
  }
}

/** Moves `newest` forward; for half-life, re-expresses the sum against the new anchor. */
function advanceNewest(model: EventScoringModel, state: ScoreState, timestamp: number): void {
  const decay = model.decay;
  if (state.newest === null) {
    state.newest = timestamp;
    if (decay.kind === 'halfLife') state.anchor = anchorFor(decay, timestamp);
    state.pruneAt = timestamp;
    return;
  }
  if (timestamp <= state.newest) return;
  state.newest = timestamp;
  if (decay.kind !== 'halfLife') return;
  const anchor = anchorFor(decay, timestamp);
  if (anchor !== state.anchor) {
    state.sum *= halfLifeFactor(decay, state.anchor, anchor);
    state.anchor = anchor;
  }
}

/** Adds an uncapped contribution to the running sum (or the window timeline) and to `recent`. */
function addUncapped(model: EventScoringModel, state: ScoreState, entry: StoredContribution): void {
  const decay = model.decay;
  if (decay.kind === 'window') addToTimeline(state.window, entry.timestamp, entry.points);
  else if (decay.kind === 'halfLife') state.sum += entry.points * halfLifeFactor(decay, entry.timestamp, state.anchor);
  else state.sum += entry.points;
  rememberRecent(state, entry);
}

type CapResult = { counted: false; duplicate: boolean } | { counted: true; displaced?: StoredContribution };

/** The earliest `cap.count` events of a bucket count: an earlier event arriving late takes a later one's place. */
function addCapped(state: ScoreState, rule: EventRule & { cap: NonNullable<EventRule['cap']> }, entry: StoredContribution, personId: string): CapResult {
  const bucketRange = calendarBucketOf(rule.cap.per, entry.timestamp);
  const key = `${rule.id} ${bucketRange.start} ${personId}`;
  const bucket = hasOwn(state.buckets, key) ? state.buckets[key]! : (state.buckets[key] = { ruleId: rule.id, end: bucketRange.end, entries: [] });
  if (bucket.entries.some((kept) => kept.messageId === entry.messageId)) return { counted: false, duplicate: true };
  const index = insertionIndex(bucket.entries, entry, earlierFirst);
  if (index >= rule.cap.count) return { counted: false, duplicate: false };
  bucket.entries.splice(index, 0, entry);
  const displaced = bucket.entries.length > rule.cap.count ? bucket.entries.pop() : undefined;
  return displaced ? { counted: true, displaced } : { counted: true };
}

/**
 * Applies one event to a subject's score state, updating `state` in place (the ingest and backtest
 * hot path; see applyEvent() for a copying variant). Never rescans history: the cost depends on the
 * rules the event matches and the size of the bounded state. The same events in any order, with any
 * duplicates, leave states that answer scoreAt() and topContributions() the same (within the
 * lateness horizon, horizon.ts).
 */
export function applyEventInPlace(model: EventScoringModel, state: ScoreState | undefined, event: ScoredEvent): ApplyEventResult {
  checkEvent(event);
  const target = state ?? createScoreState();
  const rules = matchRules(model, event);
  if (rules.length === 0) return { state: target, contribution: null, outcome: 'no_matching_rule' };

  const timestamp = event.timestamp;
  const decay = model.decay;
  // What is older than the horizon behind the newest event: a pure function of `newest`, never of
  // what happens to be still stored, so pruning can run whenever it likes.
  const cutoff = target.newest === null ? -Infinity : target.newest - horizonMs(decay);
  const late = timestamp <= cutoff;
  const hasUncapped = rules.some((rule) => rule.cap === undefined);
  const seenKey = stateKey(event.messageId);
  if (!late && hasUncapped && hasOwn(target.seen, seenKey)) return { state: target, contribution: null, outcome: 'duplicate' };

  advanceNewest(model, target, timestamp);
  const personId = event.person?.id ?? '';
  const contribution: EventContribution = { messageId: event.messageId, event: event.event, timestamp, points: 0, rules: [], displaced: [] };
  let duplicates = 0;
  let tooLate = 0;
  for (const rule of rules) {
    const entry: StoredContribution = { messageId: event.messageId, ruleId: rule.id, event: event.event, timestamp, points: rulePoints(rule) };
    if (rule.cap === undefined) {
      // Window: an event already out of the window of the newest one can never count again.
      if (late && decay.kind === 'window') {
        tooLate += 1;
        continue;
      }
      addUncapped(model, target, entry);
    } else {
      // Even out of a window, an earlier event takes a cap slot from a later one, so a late event
      // still goes to its bucket while the bucket is kept (its end is inside the horizon).
      if (calendarBucketOf(rule.cap.per, timestamp).end <= cutoff) {
        tooLate += 1;
        continue;
      }
      const result = addCapped(target, rule as EventRule & { cap: NonNullable<EventRule['cap']> }, entry, personId);
      if (!result.counted) {
        if (result.duplicate) duplicates += 1;
        continue;
      }
      if (result.displaced) {
        const { messageId, ruleId, points } = result.displaced;
        contribution.displaced.push({ messageId, ruleId, points });
      }
    }
    contribution.rules.push({ ruleId: rule.id, points: entry.points });
    contribution.points += entry.points;
  }
  if (!late && hasUncapped) target.seen[seenKey] = timestamp;
  if (target.newest !== null && target.newest >= target.pruneAt) pruneScoreState(model, target);

  if (contribution.rules.length > 0) return { state: target, contribution, outcome: 'scored' };
  const outcome: ApplyOutcome = tooLate === rules.length ? 'too_late' : duplicates > 0 && duplicates + tooLate === rules.length ? 'duplicate' : 'capped';
  return { state: target, contribution: null, outcome };
}

/** Like applyEventInPlace(), but leaves `state` untouched and returns a new one. */
export function applyEvent(model: EventScoringModel, state: ScoreState | undefined, event: ScoredEvent): ApplyEventResult {
  return applyEventInPlace(model, state === undefined ? undefined : cloneScoreState(state), event);
}
