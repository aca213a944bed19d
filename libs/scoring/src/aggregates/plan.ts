import type { AggregateNeed, AggregatePlan, AggregateSeries } from './types';
import { seriesKey } from './series-key';

const union = (a: string[], b: readonly string[] | undefined): string[] => (b ? [...new Set([...a, ...b])] : a);

/**
 * Merges needs into one plan: one series per (event, filter), tracking the union of what was asked,
 * kept as long as the longest window. A plan with no needs keeps nothing.
 */
export function planAggregates(needs: readonly AggregateNeed[]): AggregatePlan {
  const byKey = new Map<string, AggregateSeries>();
  let retentionDays = 0;
  for (const need of needs) {
    if (!Number.isInteger(need.days) || need.days < 1) throw new RangeError(`an aggregate window is a whole number of days ≥ 1, not ${need.days}`);
    retentionDays = Math.max(retentionDays, need.days);
    const key = seriesKey(need.event, need.where);
    const series = byKey.get(key) ?? { key, event: need.event, ...(need.where ? { where: need.where } : {}), people: false, sums: [], values: [] };
    series.people ||= need.people === true;
    series.sums = union(series.sums, need.sums);
    series.values = union(series.values, need.values);
    byKey.set(key, series);
  }
  const series = [...byKey.values()];
  const byEvent = new Map<string, AggregateSeries[]>();
  const anyEvent: AggregateSeries[] = [];
  for (const entry of series) {
    if (entry.event === null) {
      anyEvent.push(entry);
      continue;
    }
    const list = byEvent.get(entry.event) ?? [];
    list.push(entry);
    byEvent.set(entry.event, list);
  }
  return { series, retentionDays, byEvent, anyEvent };
}
