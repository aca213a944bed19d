import type { Filter } from '@tripline/playbook';

/**
 * One UTC day of one series for one subject. Keys made from ids and names the user or the event
 * chose are prefixed with "#", so "__proto__" is only ever data.
 */
export interface DayBucket {
  /** Matching events that day. */
  n: number;
  /** Matching events per person ("#<person id>"), when the series tracks people. */
  p?: Record<string, number>;
  /** Sum of each tracked numeric property ("#<property path>") that day. */
  s?: Record<string, number>;
  /** Occurrences of each value ("#<value>") of each tracked property ("#<property path>") that day. */
  v?: Record<string, Record<string, number>>;
}

/**
 * A subject's windowed activity: per series (an event name or any event, plus an optional filter)
 * and per UTC day, what the workspace's triggers (and component models) need. JSON-serialisable,
 * updated incrementally by recordEvent() and bounded by the plan's retention.
 */
export interface SubjectAggregates {
  v: 1;
  /** The newest UTC day recorded (days since 1970-01-01); null before the first event. */
  newestDay: number | null;
  /** Series key → UTC day (decimal string) → bucket. */
  series: Record<string, Record<string, DayBucket>>;
}

/** What one consumer (a trigger, a component) needs kept about one series. */
export interface AggregateNeed {
  /** The event name, or null for any event. */
  event: string | null;
  where?: Filter;
  /** Per-person counts (distinct users, power users, daily active users). */
  people?: boolean;
  /** Numeric event properties (paths under event.properties) to add up per day. */
  sums?: string[];
  /** Event properties whose distinct values are kept per day. */
  values?: string[];
  /** How many days back (today included) the consumer reads. */
  days: number;
}

/** One tracked series of a plan: the union of what every need on the same (event, where) asked for. */
export interface AggregateSeries {
  key: string;
  event: string | null;
  where?: Filter;
  people: boolean;
  sums: string[];
  values: string[];
}

/** Which series a workspace keeps per subject, and for how long. Derived from triggers; not stored. */
export interface AggregatePlan {
  series: AggregateSeries[];
  /** Days kept, today included: the longest window any need reads. */
  retentionDays: number;
  /** Series of a named event, by event name. */
  byEvent: ReadonlyMap<string, readonly AggregateSeries[]>;
  /** Series of any event. */
  anyEvent: readonly AggregateSeries[];
}

/**
 * What recordEvent() added for one event: which series, which day, which person, which amounts.
 * Trigger evaluation subtracts it to know whether this very event made a condition true.
 */
export interface RecordedEvent {
  day: number;
  /** "#<person id>", or null for an event without a person. */
  person: string | null;
  /** Keys of the series the event was counted in. */
  keys: string[];
  /** Per counted series (same order as keys): the amounts added per "#<property path>". */
  sums: (Record<string, number> | null)[];
}
