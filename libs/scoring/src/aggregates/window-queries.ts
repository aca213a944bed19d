/**
 * Reads over a subject's aggregates for an inclusive range of UTC days. Each read can leave out one
 * recorded event (`without`): trigger evaluation compares "with this event" to "without it" to know
 * whether the event itself made a condition true, without copying the aggregates.
 *
 * Lookups index objects directly: every key is "#"-prefixed or a decimal day, so none can name a
 * property of Object.prototype.
 */
import { bucketKey } from './series-key';
import type { DayBucket, RecordedEvent, SubjectAggregates } from './types';

/** The inclusive day range of a window of `days` days ending with `today`. */
export function windowDays(today: number, days: number): { from: number; to: number } {
  return { from: today - days + 1, to: today };
}

/** The buckets of a series for each day of the range (index 0 = `from`; undefined for a quiet day). */
export function bucketsInRange(aggregates: SubjectAggregates, key: string, from: number, to: number): (DayBucket | undefined)[] {
  const days = aggregates.series[key];
  const buckets: (DayBucket | undefined)[] = new Array(Math.max(0, to - from + 1));
  for (let day = from; day <= to; day += 1) buckets[day - from] = days === undefined ? undefined : days[day];
  return buckets;
}

/** Index (day − from) of the left-out event in the range when it was counted in `key`, else -1. */
function leftOutAt(without: RecordedEvent | null | undefined, key: string, from: number, to: number): number {
  if (!without || without.day < from || without.day > to || !without.keys.includes(key)) return -1;
  return without.day - from;
}

/** Matching events in the range. */
export function countInRange(aggregates: SubjectAggregates, key: string, from: number, to: number, without?: RecordedEvent | null): number {
  let total = 0;
  for (const bucket of bucketsInRange(aggregates, key, from, to)) if (bucket) total += bucket.n;
  return leftOutAt(without, key, from, to) >= 0 ? total - 1 : total;
}

/** Sum of a tracked numeric property in the range. */
export function sumInRange(aggregates: SubjectAggregates, key: string, property: string, from: number, to: number, without?: RecordedEvent | null): number {
  const propertyKey = bucketKey(property);
  let total = 0;
  for (const bucket of bucketsInRange(aggregates, key, from, to)) {
    const value = bucket?.s?.[propertyKey];
    if (value !== undefined) total += value;
  }
  if (leftOutAt(without, key, from, to) >= 0) total -= without!.sums[without!.keys.indexOf(key)]?.[propertyKey] ?? 0;
  return total;
}

/** Per person ("#<id>"): matching events in the buckets; people left with 0 are dropped. */
export function peopleInBuckets(buckets: readonly (DayBucket | undefined)[], leftOut = -1, leftOutPerson: string | null = null): Map<string, number> {
  const people = new Map<string, number>();
  for (const bucket of buckets) {
    const counts = bucket?.p;
    if (counts) for (const person in counts) people.set(person, (people.get(person) ?? 0) + counts[person]!);
  }
  if (leftOut >= 0 && leftOutPerson !== null) {
    const left = (people.get(leftOutPerson) ?? 0) - 1;
    if (left > 0) people.set(leftOutPerson, left);
    else people.delete(leftOutPerson);
  }
  return people;
}

/** Per person ("#<id>"): matching events in the range; people left with 0 are dropped. */
export function peopleInRange(aggregates: SubjectAggregates, key: string, from: number, to: number, without?: RecordedEvent | null): Map<string, number> {
  return peopleInBuckets(bucketsInRange(aggregates, key, from, to), leftOutAt(without, key, from, to), without?.person ?? null);
}

/** One person's events per bucket (index as in `buckets`), leaving out one at `leftOut` when given. */
export function personCountsInBuckets(buckets: readonly (DayBucket | undefined)[], person: string, leftOut = -1): number[] {
  const counts = new Array<number>(buckets.length);
  for (let index = 0; index < buckets.length; index += 1) counts[index] = buckets[index]?.p?.[person] ?? 0;
  if (leftOut >= 0) counts[leftOut]! -= 1;
  return counts;
}

/** One person's matching events per day of the range (index 0 = `from`). */
export function personDailyCounts(aggregates: SubjectAggregates, key: string, person: string, from: number, to: number, without?: RecordedEvent | null): number[] {
  const leftOut = without && without.person === person ? leftOutAt(without, key, from, to) : -1;
  return personCountsInBuckets(bucketsInRange(aggregates, key, from, to), person, leftOut);
}

/** Distinct values of a tracked property seen in the range. */
export function distinctValuesInRange(aggregates: SubjectAggregates, key: string, property: string, from: number, to: number): Set<string> {
  const propertyKey = bucketKey(property);
  const values = new Set<string>();
  for (const bucket of bucketsInRange(aggregates, key, from, to)) {
    const counts = bucket?.v?.[propertyKey];
    if (counts) for (const value in counts) values.add(value.slice(1));
  }
  return values;
}

/** The largest total of any `span` consecutive entries of `counts` (a sliding window). */
export function maxSlidingSum(counts: readonly number[], span: number): number {
  let window = 0;
  let best = 0;
  for (let index = 0; index < counts.length; index += 1) {
    window += counts[index]!;
    if (index >= span) window -= counts[index - span]!;
    if (window > best) best = window;
  }
  return best;
}

/** The largest total of `span` consecutive entries of `counts` among the runs that include `index`. */
export function maxWindowContaining(counts: readonly number[], index: number, span: number): number {
  let best = 0;
  const firstStart = Math.max(0, index - span + 1);
  for (let start = firstStart; start <= index; start += 1) {
    let total = 0;
    const end = Math.min(counts.length, start + span);
    for (let position = start; position < end; position += 1) total += counts[position]!;
    if (total > best) best = total;
  }
  return best;
}
