/**
 * Per-account activity as per-day aggregates (UTC days): distinct active people, event counts,
 * property sums and counts, distinct property values — exactly what the component metrics read over
 * their windows, kept incrementally on ingest and pruned to the model's largest window. Sets and
 * sums, so arrival order does not matter. Duplicated messageIds are not detected here: ingest drops
 * them before anything is recorded.
 */
import { readPropertyPath } from '@tripline/playbook';
import type { ComponentScoringModel, ScoredEvent } from '../model/types';
import { checkIsoTimestamp, eventFilterOf } from '../rules/event-filter';
import { utcDayOf } from '../time/calendar';
import { activityHorizonDays, activityNeedsOf, type ActivityNeed } from './activity-needs';

/** One UTC day of an account. Inner keys (person ids, values) carry a "#" prefix so "__proto__" stays data. */
export interface DayActivity {
  /** need key → distinct person ids active that day. */
  people: Record<string, Record<string, 1>>;
  /** need key → matching events that day. */
  counts: Record<string, number>;
  /** need key → [sum, count] of the numeric property that day. */
  sums: Record<string, [number, number]>;
  /** need key → distinct property values (as text) that day. */
  values: Record<string, Record<string, 1>>;
}

export interface AccountActivity {
  v: 1;
  /** "d<UTC day number>" → that day's aggregates. */
  days: Record<string, DayActivity>;
}

/** Day keys already made: the same string object each time, so lookups skip re-interning a fresh one. */
const dayKeys = new Map<number, string>();

export function dayKey(day: number): string {
  let key = dayKeys.get(day);
  if (key === undefined) {
    if (dayKeys.size >= 4096) dayKeys.clear();
    dayKeys.set(day, (key = `d${day}`));
  }
  return key;
}
export const memberKey = (text: string): string => `#${text}`;

export function createAccountActivity(): AccountActivity {
  return { v: 1, days: {} };
}

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

function dayOf(activity: AccountActivity, day: number): DayActivity {
  const key = dayKey(day);
  if (hasOwn(activity.days, key)) return activity.days[key]!;
  const fresh: DayActivity = { people: {}, counts: {}, sums: {}, values: {} };
  activity.days[key] = fresh;
  return fresh;
}

function addMember(record: Record<string, Record<string, 1>>, key: string, member: string): void {
  const set = hasOwn(record, key) ? record[key]! : (record[key] = {});
  set[memberKey(member)] = 1;
}

function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function distinctValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function record(day: DayActivity, need: ActivityNeed, event: ScoredEvent): void {
  switch (need.kind) {
    case 'people':
      if (event.person?.id) addMember(day.people, need.key, event.person.id);
      return;
    case 'counts':
      day.counts[need.key] = (hasOwn(day.counts, need.key) ? day.counts[need.key]! : 0) + 1;
      return;
    case 'sums': {
      const value = numericValue(readPropertyPath(event.properties, need.property ?? ''));
      if (value === undefined) return;
      const pair = hasOwn(day.sums, need.key) ? day.sums[need.key]! : (day.sums[need.key] = [0, 0]);
      pair[0] += value;
      pair[1] += 1;
      return;
    }
    case 'values': {
      const value = distinctValue(readPropertyPath(event.properties, need.property ?? ''));
      if (value !== undefined) addMember(day.values, need.key, value);
      return;
    }
  }
}

/** Adds one event of the account to its activity, in place (and returns it). */
export function recordActivity(model: ComponentScoringModel, activity: AccountActivity | undefined, event: ScoredEvent): AccountActivity {
  const target = activity ?? createAccountActivity();
  let checked = false;
  let day: DayActivity | undefined;
  for (const need of activityNeedsOf(model)) {
    if (need.event !== undefined && need.event !== event.event) continue;
    if (need.where !== undefined) {
      // The filter context carried the ISO timestamp: an unrepresentable time throws as it did.
      if (!checked) checkIsoTimestamp(event.timestamp);
      checked = true;
      if (!eventFilterOf(need.where)(event)) continue;
    }
    day ??= dayOf(target, utcDayOf(event.timestamp));
    record(day, need, event);
  }
  return target;
}

/** Drops days the model can no longer read at `at` (older than its largest window, see activityHorizonDays), in place. */
export function pruneActivity(model: ComponentScoringModel, activity: AccountActivity, at: number): AccountActivity {
  const oldestKept = utcDayOf(at) - activityHorizonDays(model) + 1;
  for (const key of Object.keys(activity.days)) {
    if (Number(key.slice(1)) < oldestKept) delete activity.days[key];
  }
  return activity;
}
