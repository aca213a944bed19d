import { dayKey, type AccountActivity, type DayActivity } from './account-activity';

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/** The activity of one UTC day, when the activity has it. */
function dayAt(activity: AccountActivity, day: number): DayActivity | undefined {
  const key = dayKey(day);
  const found = activity.days[key];
  return found !== undefined && hasOwn(activity.days, key) ? found : undefined;
}

/** Reused by every read (reads do not nest). */
const members = new Set<string>();

function distinctMembers(activity: AccountActivity, field: 'people' | 'values', key: string, from: number, to: number): number {
  members.clear();
  for (let day = from; day <= to; day += 1) {
    const found = dayAt(activity, day);
    if (found === undefined) continue;
    const record = found[field];
    const set = record[key];
    if (set === undefined || !hasOwn(record, key)) continue;
    for (const member in set) if (hasOwn(set, member)) members.add(member);
  }
  const size = members.size;
  members.clear();
  return size;
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
  for (let day = from; day <= to; day += 1) {
    const found = dayAt(activity, day);
    if (found !== undefined && hasOwn(found.counts, key)) total += found.counts[key]!;
  }
  return total;
}

/** Sum and number of property values recorded under `key` between two UTC days, inclusive. */
export function propertySum(activity: AccountActivity, key: string, from: number, to: number): [number, number] {
  let sum = 0;
  let count = 0;
  for (let day = from; day <= to; day += 1) {
    const found = dayAt(activity, day);
    if (found === undefined || !hasOwn(found.sums, key)) continue;
    sum += found.sums[key]![0];
    count += found.sums[key]![1];
  }
  return [sum, count];
}
