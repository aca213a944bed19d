import { readPropertyPath, type BaselineRatioTrigger, type DailyMetric, type GrowthTrigger } from '@tripline/playbook';
import { numericValue } from '../../aggregates/record-event';
import { seriesKey } from '../../aggregates/series-key';
import type { RecordedEvent, SubjectAggregates } from '../../aggregates/types';
import { countInRange, peopleInRange } from '../../aggregates/window-queries';
import { calendarBucketOf, utcDayOf } from '../../time/calendar';
import { aggregatesFor, result, type Moment } from '../moment';
import type { TriggerResult } from '../types';

/** The metric over an inclusive day range: distinct active people, or matching events. */
function metricOver(metric: DailyMetric, aggregates: SubjectAggregates, from: number, to: number, without: RecordedEvent | null): number {
  const key = seriesKey(metric.event ?? null, metric.where);
  return metric.kind === 'activeUsers' ? peopleInRange(aggregates, key, from, to, without).size : countInRange(aggregates, key, from, to, without);
}

const metricName = (metric: DailyMetric): string =>
  metric.kind === 'activeUsers' ? (metric.event ? `people doing "${metric.event}"` : 'active people') : `"${metric.event ?? 'any event'}"`;

/**
 * The daily metric is ≥ percent % of the baseline on each of the last `consecutiveDays` days, today
 * included (compared as metric × 100 ≥ percent × baseline, exact for whole numbers).
 */
export function evaluateBaselineRatio(trigger: BaselineRatioTrigger, moment: Moment): TriggerResult {
  const aggregates = aggregatesFor(moment, 'baselineRatio');
  const baseline = 'value' in trigger.baseline ? trigger.baseline.value : numericValue(readPropertyPath(moment.input.traits ?? {}, trigger.baseline.trait));
  if (baseline === undefined || baseline <= 0) {
    return result(moment, false, false, () => `no baseline: trait "${'trait' in trigger.baseline ? trigger.baseline.trait : ''}" is not a number above 0`);
  }
  const recorded = moment.atEvent ? (moment.input.recorded ?? null) : null;
  const first = moment.today - trigger.consecutiveDays + 1;
  const qualifies = (value: number): boolean => value * 100 >= trigger.percent * baseline;
  let holds = true;
  let heldBefore = true;
  const values: number[] = [];
  for (let day = first; day <= moment.today; day += 1) {
    const value = metricOver(trigger.metric, aggregates, day, day, null);
    values.push(value);
    if (!qualifies(value)) holds = false;
    const valueBefore = recorded !== null && recorded.day === day ? metricOver(trigger.metric, aggregates, day, day, recorded) : value;
    if (!qualifies(valueBefore)) heldBefore = false;
  }
  const needed = (trigger.percent * baseline) / 100;
  return result(
    moment,
    holds,
    holds && !heldBefore,
    () => `${metricName(trigger.metric)} per day ${values.join(', ')} vs ${trigger.percent}% of ${baseline} (${needed}) on ${trigger.consecutiveDays} days in a row`,
  );
}

/**
 * Calendar periods (UTC ISO week or month): the metric so far in the current one against the whole
 * previous one: current ≥ (100 + percent) % of previous, previous > 0.
 */
export function evaluateGrowth(trigger: GrowthTrigger, moment: Moment): TriggerResult {
  const aggregates = aggregatesFor(moment, 'growth');
  const current = calendarBucketOf(trigger.period, moment.input.now);
  const previous = calendarBucketOf(trigger.period, current.start - 1);
  const grown = (without: RecordedEvent | null): { holds: boolean; current: number; previous: number } => {
    const now = metricOver(trigger.metric, aggregates, utcDayOf(current.start), moment.today, without);
    const before = metricOver(trigger.metric, aggregates, utcDayOf(previous.start), utcDayOf(previous.end - 1), without);
    return { holds: before > 0 && now * 100 >= (100 + trigger.percent) * before, current: now, previous: before };
  };
  const after = grown(null);
  const recorded = moment.atEvent ? (moment.input.recorded ?? null) : null;
  const before = recorded !== null ? grown(recorded) : after;
  return result(
    moment,
    after.holds,
    after.holds && !before.holds,
    () => `${metricName(trigger.metric)}: ${after.current} this ${trigger.period} vs ${after.previous} last ${trigger.period}, needs +${trigger.percent}%`,
  );
}
