import { readPropertyPath } from '@tripline/playbook';
import type { ScoredEvent } from '../model/types';
import { checkIsoTimestamp, eventFilterOf } from '../rules/event-filter';
import { utcDayOf } from '../time/calendar';
import { notePersonDay, personDayIndexOf, prunePersonDays } from './person-days';
import { bucketKey } from './series-key';
import type { AggregatePlan, AggregateSeries, DayBucket, RecordedEvent, SubjectAggregates } from './types';

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/**
 * Person keys already made: the same string object for the same person, so the many lookups that
 * key on it (per-person day counts) find an already interned key instead of interning a fresh copy.
 */
const personKeys = new Map<string, string>();

function personKeyOf(id: string): string {
  let key = personKeys.get(id);
  if (key === undefined) {
    if (personKeys.size >= 65_536) personKeys.clear();
    personKeys.set(id, (key = bucketKey(id)));
  }
  return key;
}

export function createAggregates(): SubjectAggregates {
  return { v: 1, newestDay: null, series: {} };
}

/** A number, or a numeric string ("12.50"); anything else adds nothing. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Drops days that fell out of the retention window once the newest day moved to `newestDay`. */
function prune(aggregates: SubjectAggregates, retentionDays: number, newestDay: number): void {
  const oldestKept = newestDay - retentionDays + 1;
  for (const days of Object.values(aggregates.series)) {
    for (const day of Object.keys(days)) {
      if (Number(day) < oldestKept) delete days[day];
    }
  }
  const index = personDayIndexOf(aggregates);
  if (index !== undefined) prunePersonDays(index, oldestKept);
}

function addToBucket(bucket: DayBucket, series: AggregateSeries, event: ScoredEvent, person: string | null): Record<string, number> | null {
  bucket.n += 1;
  if (series.people && person !== null) {
    const people = (bucket.p ??= {});
    people[person] = (hasOwn(people, person) ? people[person]! : 0) + 1;
  }
  let added: Record<string, number> | null = null;
  for (const path of series.sums) {
    const amount = numericValue(readPropertyPath(event.properties, path));
    if (amount === undefined) continue;
    const sums = (bucket.s ??= {});
    const key = bucketKey(path);
    sums[key] = (hasOwn(sums, key) ? sums[key]! : 0) + amount;
    (added ??= {})[key] = amount;
  }
  for (const path of series.values) {
    const value = readPropertyPath(event.properties, path);
    if (value === undefined || value === null || typeof value === 'object') continue;
    const byProperty = (bucket.v ??= {});
    const propertyKey = bucketKey(path);
    const counts = hasOwn(byProperty, propertyKey) ? byProperty[propertyKey]! : (byProperty[propertyKey] = {});
    const valueKey = bucketKey(String(value));
    counts[valueKey] = (hasOwn(counts, valueKey) ? counts[valueKey]! : 0) + 1;
  }
  return added;
}

/**
 * Adds one event to a subject's aggregates, in place (the ingest and backtest hot path): into every
 * series of the plan whose event name and filter it matches, on its UTC day. Days older than the
 * plan's retention behind the newest day are pruned when the newest day moves; an event that old is
 * not recorded. Returns what was added (for trigger evaluation), or null when nothing was.
 * Recording is not idempotent: ingest drops repeated messageIds before it gets here.
 */
export function recordEvent(aggregates: SubjectAggregates, plan: AggregatePlan, event: ScoredEvent): RecordedEvent | null {
  const named = plan.byEvent.get(event.event);
  if (named === undefined && plan.anyEvent.length === 0) return null;
  const day = utcDayOf(event.timestamp);
  if (aggregates.newestDay !== null && day <= aggregates.newestDay - plan.retentionDays) return null;
  if (aggregates.newestDay === null || day > aggregates.newestDay) {
    if (aggregates.newestDay !== null) prune(aggregates, plan.retentionDays, day);
    aggregates.newestDay = day;
  }
  const person = event.person ? personKeyOf(event.person.id) : null;
  const personDays = person !== null ? personDayIndexOf(aggregates) : undefined;
  const dayKey = String(day);
  let checked = false;
  let recorded: RecordedEvent | null = null;
  const lists = named ? [named, plan.anyEvent] : [plan.anyEvent];
  for (const list of lists) {
    for (let index = 0; index < list.length; index += 1) {
      const series = list[index]!;
      if (series.where !== undefined) {
        // The filter context carried the ISO timestamp: an unrepresentable time throws as it did.
        if (!checked) checkIsoTimestamp(event.timestamp);
        checked = true;
        if (!eventFilterOf(series.where)(event)) continue;
      }
      const days = hasOwn(aggregates.series, series.key) ? aggregates.series[series.key]! : (aggregates.series[series.key] = {});
      const bucket = hasOwn(days, dayKey) ? days[dayKey]! : (days[dayKey] = { n: 0 });
      const sums = addToBucket(bucket, series, event, person);
      if (personDays !== undefined && series.people) notePersonDay(personDays, series.key, person!, day);
      recorded ??= { day, person, keys: [], sums: [] };
      recorded.keys.push(series.key);
      recorded.sums.push(sums);
    }
  }
  return recorded;
}
