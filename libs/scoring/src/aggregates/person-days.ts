/**
 * An optional index beside a subject's aggregates: per series and person, events per UTC day. The
 * day buckets answer "how many events did this person do that day" with one lookup per day in a
 * per-day object keyed by person; power-user windows ask it for many days per event, which is what
 * made distinctUsers the slowest trigger to backtest. With the index a person's days sit in one small
 * map. It holds the same numbers as the buckets' `p` counts (recordEvent() adds to both, and prunes
 * both), so reads answer the same; it is not part of the JSON state, and aggregates loaded or copied
 * have none (readers then fall back to the buckets).
 */
import type { SubjectAggregates } from './types';

/** Series key → person key ("#<id>") → UTC day → events. */
export type PersonDayIndex = Map<string, Map<string, Map<number, number>>>;

const indexes = new WeakMap<SubjectAggregates, PersonDayIndex>();

/**
 * Starts the index for aggregates that hold nothing yet; recordEvent() keeps it in step from then on.
 * For callers that keep aggregates in memory over many events (backtests).
 */
export function indexPeopleByDay(aggregates: SubjectAggregates): SubjectAggregates {
  if (aggregates.newestDay !== null) throw new Error('index people by day before the first event is recorded');
  indexes.set(aggregates, new Map());
  return aggregates;
}

/** The aggregates' index, when indexPeopleByDay() started one. */
export function personDayIndexOf(aggregates: SubjectAggregates): PersonDayIndex | undefined {
  return indexes.get(aggregates);
}

/** One more event of `person` on `day` in series `key`. */
export function notePersonDay(index: PersonDayIndex, key: string, person: string, day: number): void {
  let people = index.get(key);
  if (people === undefined) index.set(key, (people = new Map()));
  let days = people.get(person);
  if (days === undefined) people.set(person, (days = new Map()));
  days.set(day, (days.get(day) ?? 0) + 1);
}

/** Drops days before `oldestKept` (as recordEvent's pruning drops their buckets). */
export function prunePersonDays(index: PersonDayIndex, oldestKept: number): void {
  for (const people of index.values()) {
    for (const [person, days] of people) {
      for (const day of days.keys()) if (day < oldestKept) days.delete(day);
      if (days.size === 0) people.delete(person);
    }
  }
}
