import type { Baseline, DailyMetric, Filter, Scalar, Trigger } from '../dsl/types';
import { describeFilter, MAX_DESCRIPTION_LENGTH, truncate } from '../filters/describe-filter';

const days = (count: number): string => (count === 1 ? '1 day' : `${count} days`);
const named = (text: string | undefined, fallback: string): string => (text === undefined || text.trim() === '' ? fallback : text);
const where = (filter: Filter | undefined): string => (filter === undefined ? '' : ` where ${describeFilter(filter)}`);
const scalar = (value: Scalar): string => (value === null ? 'empty' : String(value));
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function describeMetric(metric: DailyMetric): string {
  if (metric.kind === 'activeUsers') {
    return metric.event === undefined ? 'Daily active users' : `Daily users doing ${named(metric.event, '?')}${where(metric.where)}`;
  }
  return `Daily ${named(metric.event, '?')}${where(metric.where)}`;
}

function describeBaseline(baseline: Baseline): string {
  return 'trait' in baseline ? named(baseline.trait, '?') : String(baseline.value);
}

function describeOffset(trigger: { trait: string; fromDays: number; toDays: number }): string {
  const trait = named(trigger.trait, '?');
  const { fromDays, toDays } = trigger;
  if (fromDays >= 0) return `${fromDays}–${days(toDays)} after ${trait}`;
  if (toDays <= 0) return `${-toDays}–${days(-fromDays)} before ${trait}`;
  return `From ${days(-fromDays)} before to ${days(toDays)} after ${trait}`;
}

function describe(trigger: Trigger, nested: boolean): string {
  switch (trigger.kind) {
    case 'event':
      return `${named(trigger.event, '(no event)')}${where(trigger.where)}`;
    case 'scoreThreshold':
      return trigger.direction === 'up'
        ? `Score ≥ ${trigger.threshold} crossing up (model ${named(trigger.model, '?')})`
        : `Score < ${trigger.threshold} crossing down (model ${named(trigger.model, '?')})`;
    case 'tierChange': {
      const change = trigger.from !== undefined ? `${trigger.from} → ${trigger.to ?? 'any tier'}` : trigger.to !== undefined ? `→ ${trigger.to}` : 'changes';
      return `Tier ${change} (model ${named(trigger.model, '?')})`;
    }
    case 'eventCount':
      return `${named(trigger.event, '?')}${where(trigger.where)} ≥ ${trigger.atLeast} in ${days(trigger.withinDays)}`;
    case 'distinctUsers': {
      const { perUser } = trigger;
      const who = perUser
        ? `power users (${named(perUser.event ?? trigger.event, '?')} ≥ ${perUser.atLeast} in ${days(perUser.withinDays)})`
        : 'people';
      return `≥ ${trigger.atLeast} ${who} did ${named(trigger.event, '?')}${where(trigger.where)} in ${days(trigger.withinDays)}`;
    }
    case 'propertySum':
      return `Sum of ${named(trigger.property, '?')} on ${named(trigger.event, '?')}${where(trigger.where)} ≥ ${trigger.atLeast} in ${days(trigger.withinDays)}`;
    case 'baselineRatio':
      return `${describeMetric(trigger.metric)} ≥ ${trigger.percent}% of ${describeBaseline(trigger.baseline)} for ${days(trigger.consecutiveDays)} in a row`;
    case 'growth':
      return `${describeMetric(trigger.metric).replace(/^Daily /, '')} up ≥ ${trigger.percent}% ${trigger.period} over ${trigger.period}`;
    case 'inactivity':
      return `No ${trigger.event === undefined ? 'activity' : named(trigger.event, '?')} for ${days(trigger.days)}`;
    case 'schedule':
      return `On schedule ${named(trigger.cron, '?')} (${trigger.timeZone ?? 'UTC'})`;
    case 'relativeDate':
      return describeOffset(trigger);
    case 'crmChange': {
      const change = trigger.from !== undefined && trigger.to !== undefined
        ? `${scalar(trigger.from)} → ${scalar(trigger.to)}`
        : trigger.to !== undefined
          ? `→ ${scalar(trigger.to)}`
          : trigger.from !== undefined
            ? `changes from ${scalar(trigger.from)}`
            : 'changes';
      return `${capitalise(trigger.object)} ${named(trigger.field, '?')} ${change}${where(trigger.where)}`;
    }
    case 'all':
    case 'any': {
      if (trigger.triggers.length === 0) return trigger.kind === 'all' ? 'All of (nothing yet)' : 'Any of (nothing yet)';
      if (trigger.triggers.length === 1) return describe(trigger.triggers[0]!, nested);
      const text = trigger.triggers.map((child) => describe(child, true)).join(trigger.kind === 'all' ? ' AND ' : ' OR ');
      return nested ? `(${text})` : text;
    }
  }
}

/** Short text for a trigger: "Score ≥ 71 crossing up (model pql)", "Demo Requested ≥ 2 in 14 days". */
export function describeTrigger(trigger: Trigger): string {
  return truncate(describe(trigger, false), MAX_DESCRIPTION_LENGTH);
}
