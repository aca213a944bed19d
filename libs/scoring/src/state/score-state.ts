/**
 * The incremental score of one subject (a person, or an account fed all its members' events) under
 * one event model. JSON-serialisable, bounded in size, and independent of arrival order: what
 * scoreAt() and topContributions() return depends only on the set of events applied (within the
 * lateness horizon, see ./horizon.ts). The state belongs to one model version: a model whose rules
 * or decay change needs a fresh state.
 */

/** One event's points under one rule, as stored for caps and "why this score". */
export interface StoredContribution {
  messageId: string;
  ruleId: string;
  event: string;
  /** When the event happened, epoch ms. */
  timestamp: number;
  /** points × weight at the time of the event (before decay). */
  points: number;
}

/** The earliest `cap.count` events of one rule, for one person, in one calendar bucket. */
export interface CapBucket {
  ruleId: string;
  /** Exclusive end of the calendar bucket, epoch ms. */
  end: number;
  /** Sorted by (timestamp, messageId); at most `cap.count` entries. */
  entries: StoredContribution[];
}

export interface ScoreState {
  v: 1;
  /** Timestamp of the newest scored event, epoch ms; null before the first. */
  newest: number | null;
  /**
   * Uncapped (and folded capped) points. Decay `none`: Σ points. Half-life: Σ points·2^((t − anchor)/h),
   * so one multiplication at read time decays them all. Window: unused (0); see `window`.
   */
  sum: number;
  /** Half-life reference time, epoch ms; a deterministic function of `newest` (see ./decay-math.ts). */
  anchor: number;
  /** Window decay only: uncapped points by event timestamp, [timestamp, points] ascending, one entry per timestamp. */
  window: [number, number][];
  /** Capped rules: key `<ruleId> <bucket start> <person id>` → the bucket's counted events. */
  buckets: Record<string, CapBucket>;
  /** messageIds (keyed with a "#" prefix) of uncapped scored events inside the horizon → their timestamp, to drop duplicates. */
  seen: Record<string, number>;
  /** Per rule (keyed "#<ruleId>"): the latest RECENT_PER_RULE contributions no cap bucket holds, newest first. */
  recent: Record<string, StoredContribution[]>;
  /** When `newest` reaches this, expired buckets, ids and window entries are pruned (lazily, to keep ingest cheap). */
  pruneAt: number;
}

/** How many contributions per rule the state keeps for topContributions(); also the largest n it answers exactly. */
export const RECENT_PER_RULE = 20;

/** Keys made from ids the user or the event chose are prefixed, so "__proto__" is only ever data. */
export const stateKey = (text: string): string => `#${text}`;

export function createScoreState(): ScoreState {
  return { v: 1, newest: null, sum: 0, anchor: 0, window: [], buckets: {}, seen: {}, recent: {}, pruneAt: 0 };
}

/**
 * What the library keeps beside a state's `buckets` object so the hot paths never walk its keys (a
 * slow dictionary once pruning deletes keys) nor chase every entry through the heap: the counted
 * entries' [timestamp, points] pairs flat, in the order scoreAt() sums them (buckets in key order,
 * entries in bucket order), and the bucket the last event went to. Only the library mutates
 * `buckets` (applyEventInPlace adds, pruneScoreState deletes) and it keeps this in step; a state
 * loaded or cloned starts without one.
 */
export interface BucketSide {
  /** [timestamp, points] of every bucket entry, flat, in scoreAt() order; null until read (or after a change other than a new bucket). */
  terms: number[] | null;
  /** The bucket of the last capped event, by its key parts (skips building the key for a run of events in one bucket). */
  lastRule: string | null;
  lastStart: number;
  lastPerson: string;
  lastBucket: CapBucket | null;
}

const sides = new WeakMap<Record<string, CapBucket>, BucketSide>();

export function bucketSideOf(state: ScoreState): BucketSide {
  let side = sides.get(state.buckets);
  if (side === undefined) sides.set(state.buckets, (side = { terms: null, lastRule: null, lastStart: 0, lastPerson: '', lastBucket: null }));
  return side;
}

/** The flat [timestamp, points] pairs scoreAt() sums, built on first read. Do not edit it. */
export function bucketTermsOf(state: ScoreState): readonly number[] {
  const side = bucketSideOf(state);
  if (side.terms === null) {
    const terms: number[] = [];
    for (const key in state.buckets) {
      if (!Object.prototype.hasOwnProperty.call(state.buckets, key)) continue;
      for (const entry of state.buckets[key]!.entries) terms.push(entry.timestamp, entry.points);
    }
    side.terms = terms;
  }
  return side.terms;
}

/** Call after adding a new key to `state.buckets` with these entries (it goes last in key order). */
export function noteBucketAdded(state: ScoreState, added: StoredContribution): void {
  sides.get(state.buckets)?.terms?.push(added.timestamp, added.points);
}

/** Call after any other change to `state.buckets`: entries inserted or displaced, keys deleted. */
export function noteBucketsChanged(state: ScoreState): void {
  const side = sides.get(state.buckets);
  if (side === undefined) return;
  side.terms = null;
  side.lastRule = null;
  side.lastBucket = null;
}

const cloneEntry = (entry: StoredContribution): StoredContribution => ({ ...entry });

/** A deep copy, for callers that keep the state before an event (applyEvent() copies; applyEventInPlace() does not). */
export function cloneScoreState(state: ScoreState): ScoreState {
  const buckets: Record<string, CapBucket> = {};
  for (const [key, bucket] of Object.entries(state.buckets)) {
    buckets[key] = { ruleId: bucket.ruleId, end: bucket.end, entries: bucket.entries.map(cloneEntry) };
  }
  const recent: Record<string, StoredContribution[]> = {};
  for (const [key, entries] of Object.entries(state.recent)) recent[key] = entries.map(cloneEntry);
  return {
    v: 1,
    newest: state.newest,
    sum: state.sum,
    anchor: state.anchor,
    window: state.window.map(([timestamp, points]) => [timestamp, points]),
    buckets,
    seen: { ...state.seen },
    recent,
    pruneAt: state.pruneAt,
  };
}
