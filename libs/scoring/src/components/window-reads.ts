import { dayKey, type AccountActivity, type DayActivity } from './account-activity';

/** The days `from`..`to` (UTC day numbers, inclusive) the activity has. */
function* daysBetween(activity: AccountActivity, from: number, to: number): Generator<DayActivity> {
  for (let day = from; day <= to; day += 1) {
    const found = activity.days[dayKey(day)];
    if (found !== undefined && Object.prototype.hasOwnProperty.call(activity.days, dayKey(day))) yield found;
  }
}

function distinctMembers(activity: AccountActivity, field: 'people' | 'values', key: string, from: number, to: number): number {
  const members = new Set<string>();
  for (const day of daysBetween(activity, from, to)) {
    const set = day[field][key];
    if (set !== undefined && Object.prototype.hasOwnProperty.call(day[field], key)) for (const member of Object.keys(set)) members.add(member);
  }
  return members.size;
}

/** Distinct people recorded under `key` between two UTC days, inclusive. */
export const distinctPeople = (activity: AccountActivity, key: string, from: number, to: number): number =>
  distinctMembers(activity, 'people', key, from, to);

/** Distinct property values recorded under `key` between two UTC days, inclusive. */
export const distinctValues = (activity: AccountActivity, key: string, from: number, to: number): number =>
  distinctMembers(activity, 'values', key, from, to);

/** Events counted under `key` between two UTC days, inclusive. */
export function eventCount(activity: AccountActivity, key: string, from: number, to: number): number {
  let total = 0;
  for (const day of daysBetween(activity, from, to)) if (Object.prototype.hasOwnProperty.call(day.counts, key)) total += day.counts[key]!;
  return total;
}

/** Sum and number of property values recorded under `key` between two UTC days, inclusive. */
export function propertySum(activity: AccountActivity, key: string, from: number, to: number): [number, number] {
  let sum = 0;
  let count = 0;
  for (const day of daysBetween(activity, from, to)) {
    if (!Object.prototype.hasOwnProperty.call(day.sums, key)) continue;
    sum += day.sums[key]![0];
    count += day.sums[key]![1];
  }
  return [sum, count];
}
