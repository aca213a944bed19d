import { createAggregates, type AggregatePlan, type AggregateSeries, type SubjectAggregates } from '@tripline/scoring';

/**
 * Aggregates as stored: the library's SubjectAggregates plus, per series, what it tracks. When the
 * workspace's triggers change, a series whose definition changed (or that no trigger reads any more)
 * is dropped and a new one starts empty: windows fill from then on, history is never rescanned.
 */
export interface StoredAggregates extends SubjectAggregates {
  defs: Record<string, string>;
}

const definitionOf = (series: AggregateSeries): string => JSON.stringify([series.people, [...series.sums].sort(), [...series.values].sort()]);

export function emptyAggregates(): StoredAggregates {
  return { ...createAggregates(), defs: {} };
}

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/** The stored aggregates reshaped for the current plan: stale series dropped, days beyond the longest window pruned. */
export function fitToPlan(stored: StoredAggregates | undefined, plan: AggregatePlan): StoredAggregates {
  const fitted = emptyAggregates();
  if (plan.series.length === 0) return fitted;
  fitted.newestDay = stored?.newestDay ?? null;
  const oldestKept = fitted.newestDay === null ? -Infinity : fitted.newestDay - plan.retentionDays + 1;
  for (const series of plan.series) {
    const definition = definitionOf(series);
    fitted.defs[series.key] = definition;
    if (!stored || !hasOwn(stored.series ?? {}, series.key) || stored.defs?.[series.key] !== definition) continue;
    const days: SubjectAggregates['series'][string] = {};
    for (const [day, bucket] of Object.entries(stored.series[series.key]!)) if (Number(day) >= oldestKept) days[day] = bucket;
    fitted.series[series.key] = days;
  }
  return fitted;
}
