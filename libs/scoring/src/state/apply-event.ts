import type { EventRule, EventScoringModel, ScoredEvent } from '../model/types';
import { matchingRules, rulePoints } from '../rules/match-rules';
import { calendarBucketOf } from '../time/calendar';
import { anchorFor, halfLifeFactor } from './decay-math';
import { horizonMs } from './horizon';
import { pruneScoreState } from './prune';
import { rememberRecent } from './recent';
import { bucketSideOf, cloneScoreState, createScoreState, noteBucketAdded, noteBucketsChanged, stateKey, type CapBucket, type ScoreState, type StoredContribution } from './score-state';
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

/** The key of a cap bucket: rule, calendar bucket start, person. */
const bucketKeyOf = (rule: EventRule, start: number, personId: string): string => `${rule.id} ${start} ${personId}`;

/** Whether a cap bucket's entries already hold the event, or hold `count` events no later than it: then it cannot count there. */
function bucketRefuses(bucket: CapBucket, entry: Pick<StoredContribution, 'messageId' | 'timestamp'>, count: number): boolean {
  const entries = bucket.entries;
  for (let index = 0; index < entries.length; index += 1) if (entries[index]!.messageId === entry.messageId) return true;
  return entries.length >= count && earlierFirst(entries[entries.length - 1]!, entry as StoredContribution) <= 0;
}

type CapResult = { counted: false; duplicate: boolean } | { counted: true; displaced?: StoredContribution };

const NOT_COUNTED: CapResult = { counted: false, duplicate: false };
const DUPLICATE: CapResult = { counted: false, duplicate: true };
const COUNTED: CapResult = { counted: true };

/** What the last applyEventCore() call changed of what scoreAt() sums (see applyEventWithChange). */
export interface ApplyTrace {
  /** The single bucket it created (it goes last in key order), when that is the only change scoreAt() sees. */
  appended: CapBucket | null;
  /** Anything else scoreAt() reads changed: the sum, the anchor, the window, an existing bucket, pruning. */
  other: boolean;
}

/** The earliest `cap.count` events of a bucket count: an earlier event arriving late takes a later one's place. */
function addCapped(state: ScoreState, rule: EventRule & { cap: NonNullable<EventRule['cap']> }, entry: StoredContribution, start: number, end: number, personId: string, trace: ApplyTrace): CapResult {
  const side = bucketSideOf(state);
  let bucket: CapBucket;
  let created = false;
  if (side.lastBucket !== null && side.lastRule === rule.id && side.lastStart === start && side.lastPerson === personId) {
    bucket = side.lastBucket;
  } else {
    const key = bucketKeyOf(rule, start, personId);
    created = !hasOwn(state.buckets, key);
    bucket = created ? (state.buckets[key] = { ruleId: rule.id, end, entries: [] }) : state.buckets[key]!;
    side.lastRule = rule.id;
    side.lastStart = start;
    side.lastPerson = personId;
    side.lastBucket = bucket;
  }
  const entries = bucket.entries;
  for (let index = 0; index < entries.length; index += 1) if (entries[index]!.messageId === entry.messageId) return DUPLICATE;
  const index = insertionIndex(entries, entry, earlierFirst);
  if (index >= rule.cap.count) return NOT_COUNTED;
  entries.splice(index, 0, entry);
  const displaced = entries.length > rule.cap.count ? entries.pop() : undefined;
  if (created) {
    // A bucket made by this call is last in key order: scoreAt() sums its entry last.
    noteBucketAdded(state, entry);
    if (trace.appended === null) trace.appended = bucket;
    else trace.other = true;
  } else {
    noteBucketsChanged(state);
    trace.other = true;
  }
  return displaced ? { counted: true, displaced } : COUNTED;
}

/** Reused by every call: what the last call changed. */
const lastTrace: ApplyTrace = { appended: null, other: false };

/**
 * applyEventInPlace() for a state that exists, filling `contribution` when given and `lastTrace`.
 * The outcome is what applyEventInPlace() reports.
 */
function applyEventCore(
  model: EventScoringModel,
  target: ScoreState,
  event: ScoredEvent,
  contribution: EventContribution | null,
  rules: readonly EventRule[] = matchingRules(model, event),
): ApplyOutcome {
  const trace = lastTrace;
  trace.appended = null;
  trace.other = false;
  if (rules.length === 0) return 'no_matching_rule';
  const timestamp = event.timestamp;
  const decay = model.decay;
  // What is older than the horizon behind the newest event: a pure function of `newest`, never of
  // what happens to be still stored, so pruning can run whenever it likes.
  const cutoff = target.newest === null ? -Infinity : target.newest - horizonMs(decay);
  const late = timestamp <= cutoff;
  let hasUncapped = false;
  for (let index = 0; index < rules.length; index += 1) if (rules[index]!.cap === undefined) hasUncapped = true;
  const seenKey = hasUncapped ? stateKey(event.messageId) : '';
  if (!late && hasUncapped && hasOwn(target.seen, seenKey)) return 'duplicate';
  const anchor = target.anchor;
  advanceNewest(model, target, timestamp);
  if (target.anchor !== anchor) trace.other = true;
  const personId = event.person?.id ?? '';
  let counted = 0;
  let duplicates = 0;
  let tooLate = 0;
  for (let position = 0; position < rules.length; position += 1) {
    const rule = rules[position]!;
    const entry: StoredContribution = { messageId: event.messageId, ruleId: rule.id, event: event.event, timestamp, points: rulePoints(rule) };
    if (rule.cap === undefined) {
      // Window: an event already out of the window of the newest one can never count again.
      if (late && decay.kind === 'window') {
        tooLate += 1;
        continue;
      }
      addUncapped(model, target, entry);
      trace.other = true;
    } else {
      // Even out of a window, an earlier event takes a cap slot from a later one, so a late event
      // still goes to its bucket while the bucket is kept (its end is inside the horizon).
      const range = calendarBucketOf(rule.cap.per, timestamp);
      if (range.end <= cutoff) {
        tooLate += 1;
        continue;
      }
      const result = addCapped(target, rule as EventRule & { cap: NonNullable<EventRule['cap']> }, entry, range.start, range.end, personId, trace);
      if (!result.counted) {
        if (result.duplicate) duplicates += 1;
        continue;
      }
      if (result.displaced && contribution !== null) {
        const { messageId, ruleId, points } = result.displaced;
        contribution.displaced.push({ messageId, ruleId, points });
      }
    }
    counted += 1;
    if (contribution !== null) {
      contribution.rules.push({ ruleId: rule.id, points: entry.points });
      contribution.points += entry.points;
    }
  }
  if (!late && hasUncapped) target.seen[seenKey] = timestamp;
  if (target.newest !== null && target.newest >= target.pruneAt) {
    pruneScoreState(model, target);
    trace.other = true;
  }
  if (counted > 0) return 'scored';
  return tooLate === rules.length ? 'too_late' : duplicates > 0 && duplicates + tooLate === rules.length ? 'duplicate' : 'capped';
}

/**
 * Applies one event to a subject's state IN PLACE and returns it with what the event contributed (the
 * hot path; see applyEvent() for a copying variant). Never rescans history: the cost depends on the
 * rules the event matches and the size of the bounded state. The same events in any order, with any
 * duplicates, leave states that answer scoreAt() and topContributions() the same (within the
 * lateness horizon, horizon.ts).
 */
export function applyEventInPlace(model: EventScoringModel, state: ScoreState | undefined, event: ScoredEvent): ApplyEventResult {
  checkEvent(event);
  const target = state ?? createScoreState();
  const contribution: EventContribution = { messageId: event.messageId, event: event.event, timestamp: event.timestamp, points: 0, rules: [], displaced: [] };
  const outcome = applyEventCore(model, target, event, contribution);
  return { state: target, contribution: outcome === 'scored' ? contribution : null, outcome };
}

/**
 * applyEventInPlace() without the contribution record, for callers that only read the state (backtests):
 * the outcome, and in `lastApplyTrace()` what changed of what scoreAt() sums. `rules`: what
 * matchingRules(model, event) returned, when the caller already asked (and made no other call since).
 */
export function applyEventQuietly(model: EventScoringModel, state: ScoreState, event: ScoredEvent, rules?: readonly EventRule[]): ApplyOutcome {
  checkEvent(event);
  return applyEventCore(model, state, event, null, rules);
}

/** What the last applyEventInPlace() / applyEventQuietly() call changed (overwritten by the next call). */
export function lastApplyTrace(): Readonly<ApplyTrace> {
  return lastTrace;
}

/**
 * False when the event certainly cannot score: no rule matches it, or every matching rule is capped
 * and its bucket already holds the event or `count` earlier ones. True when it may (an uncapped rule
 * matches, or a capped one has room). Reads the state without changing it.
 */
export function mayScore(
  model: EventScoringModel,
  state: ScoreState | undefined,
  event: ScoredEvent,
  /** matchingRules(model, event), when the caller already asked. */
  rules: readonly EventRule[] = matchingRules(model, event),
): boolean {
  if (rules.length === 0) return false;
  if (state === undefined) return true;
  const personId = event.person?.id ?? '';
  const side = bucketSideOf(state);
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index]!;
    if (rule.cap === undefined) return true;
    const start = calendarBucketOf(rule.cap.per, event.timestamp).start;
    if (side.lastBucket !== null && side.lastRule === rule.id && side.lastStart === start && side.lastPerson === personId) {
      if (!bucketRefuses(side.lastBucket, event, rule.cap.count)) return true;
      continue;
    }
    const key = bucketKeyOf(rule, start, personId);
    if (!hasOwn(state.buckets, key) || !bucketRefuses(state.buckets[key]!, event, rule.cap.count)) return true;
  }
  return false;
}

/** Like applyEventInPlace(), but leaves `state` untouched and returns a new one. */
export function applyEvent(model: EventScoringModel, state: ScoreState | undefined, event: ScoredEvent): ApplyEventResult {
  return applyEventInPlace(model, state === undefined ? undefined : cloneScoreState(state), event);
}
