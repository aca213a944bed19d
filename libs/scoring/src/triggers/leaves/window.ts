import type { DistinctUsersTrigger, EventCountTrigger, PropertySumTrigger } from '@tripline/playbook';
import { bucketKey, seriesKey } from '../../aggregates/series-key';
import { personDayIndexOf } from '../../aggregates/person-days';
import type { DayBucket, RecordedEvent, SubjectAggregates } from '../../aggregates/types';
import { bucketsInRange, countInRange, maxSlidingSum, maxWindowContaining, peopleInBuckets, sumInRange, windowDays } from '../../aggregates/window-queries';
import { aggregatesFor, result, type Moment } from '../moment';
import type { TriggerResult } from '../types';

const days = (count: number): string => (count === 1 ? '1 day' : `${count} days`);
const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

const leafKeys = new WeakMap<object, string>();

/** The series key of a window leaf, made once per leaf object (triggers are evaluated per event; treat them as immutable). */
function leafKey(owner: object, event: string, where?: EventCountTrigger['where']): string {
  let key = leafKeys.get(owner);
  if (key === undefined) leafKeys.set(owner, (key = seriesKey(event, where)));
  return key;
}

/** One person's events at each day position of a window (0 = its first day). */
type PersonCounts = (position: number) => number;

const NO_EVENTS: PersonCounts = () => 0;

/**
 * How per-person day counts are read for the window [from, …] of series `key`: from the person-day
 * index when the aggregates keep one (backtests: one small map per person), else from the day
 * buckets in `buckets`. Both hold the same numbers.
 */
function personCountsReader(aggregates: SubjectAggregates, key: string, buckets: () => readonly (DayBucket | undefined)[], from: number): (person: string) => PersonCounts {
  const index = personDayIndexOf(aggregates);
  if (index === undefined) {
    const days = buckets();
    return (person) => (position) => days[position]?.p?.[person] ?? 0;
  }
  const people = index.get(key);
  return (person) => {
    const days = people?.get(person);
    return days === undefined ? NO_EVENTS : (position) => days.get(from + position) ?? 0;
  };
}

/** A person's events per day position 0 … length − 1, leaving out one at `leftOut` when given. */
function personCountsOf(count: PersonCounts, length: number, leftOut: number): number[] {
  const counts = new Array<number>(length);
  for (let position = 0; position < length; position += 1) counts[position] = count(position);
  if (leftOut >= 0) counts[leftOut]! -= 1;
  return counts;
}

/**
 * One person's events per day for the days a power window containing `index` can span (from
 * index − span + 1 to index + span − 1, clipped to the `length` days), the left-out event at
 * `index` removed.
 */
function personCountsNear(count: PersonCounts, length: number, index: number, span: number): number[] {
  const first = Math.max(0, index - span + 1);
  const last = Math.min(length - 1, index + span - 1);
  const counts: number[] = [];
  for (let position = first; position <= last; position += 1) counts.push(count(position));
  counts[index - first]! -= 1;
  return counts;
}

/**
 * How many of the person's events in the `length` days remain once the left-out one (at `index`,
 * when it was counted there) is removed — stopping at the first other one found, nearest days first.
 */
function otherEventsOf(count: PersonCounts, length: number, index: number, leftOutHere: boolean): number {
  const here = count(index) - (leftOutHere ? 1 : 0);
  if (here > 0) return here;
  for (let distance = 1; distance < length; distance += 1) {
    const earlier = index - distance >= 0 ? count(index - distance) : 0;
    const later = index + distance < length ? count(index + distance) : 0;
    if (earlier + later > 0) return earlier + later;
  }
  return 0;
}

/** The event being evaluated, when it was recorded into the series `key` inside the window. */
function recordedIn(moment: Moment, key: string, from: number, to: number): { recorded: RecordedEvent; index: number } | undefined {
  if (!moment.atEvent) return undefined;
  const recorded = moment.input.recorded ?? null;
  if (recorded === null || recorded.day < from || recorded.day > to) return undefined;
  const index = recorded.keys.indexOf(key);
  return index >= 0 ? { recorded, index } : undefined;
}

/**
 * A threshold over a window: holds when the value reaches `atLeast`; fires when this event took it
 * there (the value without the event, after − its own contribution, was below). At a tick windows
 * only shrink, so nothing fires.
 */
function thresholdResult(after: number, contribution: number, atLeast: number, moment: Moment, describe: () => string): TriggerResult {
  const before = after - contribution;
  const holds = after >= atLeast;
  const fired = holds && before < atLeast;
  return result(moment, holds, fired, () => `${describe()}${before !== after ? ` (was ${before})` : ''}, needs ${atLeast}`);
}

export function evaluateEventCount(trigger: EventCountTrigger, moment: Moment): TriggerResult {
  const aggregates = aggregatesFor(moment, 'eventCount');
  const key = leafKey(trigger, trigger.event, trigger.where);
  const { from, to } = windowDays(moment.today, trigger.withinDays);
  const after = countInRange(aggregates, key, from, to);
  const contribution = recordedIn(moment, key, from, to) ? 1 : 0;
  return thresholdResult(after, contribution, trigger.atLeast, moment, () => `"${trigger.event}" ${after} in ${days(trigger.withinDays)}`);
}

export function evaluatePropertySum(trigger: PropertySumTrigger, moment: Moment): TriggerResult {
  const aggregates = aggregatesFor(moment, 'propertySum');
  const key = leafKey(trigger, trigger.event, trigger.where);
  const { from, to } = windowDays(moment.today, trigger.withinDays);
  const after = sumInRange(aggregates, key, trigger.property, from, to);
  const own = recordedIn(moment, key, from, to);
  const amounts = own ? own.recorded.sums[own.index] : null;
  const property = bucketKey(trigger.property);
  const contribution = amounts && hasOwn(amounts, property) ? amounts[property]! : 0;
  const shown = (value: number): number => Math.round(value * 100) / 100;
  return thresholdResult(after, contribution, trigger.atLeast, moment, () => `${trigger.property} of "${trigger.event}" sums to ${shown(after)} in ${days(trigger.withinDays)}`);
}

export function evaluateDistinctUsers(trigger: DistinctUsersTrigger, moment: Moment): TriggerResult {
  const aggregates = aggregatesFor(moment, 'distinctUsers');
  const { from, to } = windowDays(moment.today, trigger.withinDays);
  const key = leafKey(trigger, trigger.event, trigger.where);
  const { perUser } = trigger;
  const length = to - from + 1;
  // The day buckets are gathered only when read (with a person-day index, only for the full count below).
  let mainBuckets: (DayBucket | undefined)[] | undefined;
  const buckets = (): (DayBucket | undefined)[] => (mainBuckets ??= bucketsInRange(aggregates, key, from, to));
  const powerKey = perUser?.event === undefined ? key : leafKey(perUser, perUser.event);
  const mainCounts = personCountsReader(aggregates, key, buckets, from);
  const powerCounts = powerKey === key ? mainCounts : personCountsReader(aggregates, powerKey, () => bucketsInRange(aggregates, powerKey, from, to), from);
  /** Whether a person is a power user (always true without perUser), leaving out one event at `leftOut`. */
  const isPower = (person: string, leftOut: number): boolean =>
    !perUser || maxSlidingSum(personCountsOf(powerCounts(person), length, leftOut), perUser.withinDays) >= perUser.atLeast;
  /**
   * +1 when the event made its person count (they did the event for the first time in the window
   * while a power user, or became one with it), else 0. The event adds exactly 1 to every power
   * window containing its day, so it made a power user only if the best such window was one short.
   */
  const personContribution = (person: string, index: number, didBefore: boolean, inPower: boolean): number => {
    if (!perUser) return didBefore ? 0 : 1;
    if (!inPower) return didBefore ? 0 : isPower(person, -1) ? 1 : 0;
    // Only the days around the event first (the buckets a scan touches are what costs): the full
    // window is read only in the rare case the answer depends on it.
    const around = maxWindowContaining(personCountsNear(powerCounts(person), length, index, perUser.withinDays), Math.min(index, perUser.withinDays - 1), perUser.withinDays);
    if (around >= perUser.atLeast) return didBefore ? 0 : 1;
    if (around < perUser.atLeast - 1) return didBefore ? 0 : isPower(person, index) ? 1 : 0;
    return didBefore && isPower(person, index) ? 0 : 1;
  };

  // Only the event's own person can count differently without the event: recompute just them.
  let contribution = 0;
  const recorded = moment.atEvent ? (moment.input.recorded ?? null) : null;
  const person = recorded?.person ?? null;
  if (recorded !== null && person !== null && recorded.day >= from && recorded.day <= to) {
    const index = recorded.day - from;
    const inMain = recorded.keys.includes(key);
    // Did the person do the event in the window, and (leaving this one out) before it?
    const others = otherEventsOf(mainCounts(person), length, index, inMain);
    const doneAtAll = others > 0 || inMain;
    if (doneAtAll) contribution = personContribution(person, index, others > 0, recorded.keys.includes(powerKey));
  }
  // Without a new qualifying person this event fired nothing; when only that is asked, stop here.
  if (contribution <= 0 && !moment.needHolds) return result(moment, false, false, () => `no new ${perUser ? 'power user' : 'person'}`);
  let after = 0;
  for (const other of peopleInBuckets(buckets()).keys()) if (isPower(other, -1)) after += 1;
  const who = (): string =>
    perUser ? `power users (${perUser.atLeast}+ "${perUser.event ?? trigger.event}" in ${days(perUser.withinDays)})` : 'people';
  return thresholdResult(after, contribution, trigger.atLeast, moment, () => `${after} ${who()} did "${trigger.event}" in ${days(trigger.withinDays)}`);
}
