import { triggerLeaves, type DailyMetric, type Trigger } from '@tripline/playbook';
import { planAggregates } from '../aggregates/plan';
import type { AggregateNeed, AggregatePlan } from '../aggregates/types';

function metricNeed(metric: DailyMetric, days: number): AggregateNeed {
  return { event: metric.event ?? null, ...(metric.where ? { where: metric.where } : {}), people: metric.kind === 'activeUsers', days };
}

/** The aggregate series one trigger reads (composites: all their leaves). */
export function aggregateNeedsOf(trigger: Trigger): AggregateNeed[] {
  const needs: AggregateNeed[] = [];
  for (const leaf of triggerLeaves(trigger)) {
    switch (leaf.kind) {
      case 'eventCount':
        needs.push({ event: leaf.event, ...(leaf.where ? { where: leaf.where } : {}), days: leaf.withinDays });
        break;
      case 'distinctUsers':
        needs.push({ event: leaf.event, ...(leaf.where ? { where: leaf.where } : {}), people: true, days: leaf.withinDays });
        if (leaf.perUser?.event !== undefined) needs.push({ event: leaf.perUser.event, people: true, days: leaf.withinDays });
        break;
      case 'propertySum':
        needs.push({ event: leaf.event, ...(leaf.where ? { where: leaf.where } : {}), sums: [leaf.property], days: leaf.withinDays });
        break;
      case 'baselineRatio':
        needs.push(metricNeed(leaf.metric, leaf.consecutiveDays));
        break;
      case 'growth':
        // The current and the previous calendar period: at most 31 + 31 days (7 + 7 for weeks).
        needs.push(metricNeed(leaf.metric, leaf.period === 'month' ? 62 : 14));
        break;
      default:
        break;
    }
  }
  return needs;
}

/** The aggregates plan for a workspace's triggers: what to keep per subject, and for how long. */
export function planForTriggers(triggers: readonly Trigger[]): AggregatePlan {
  return planAggregates(triggers.flatMap(aggregateNeedsOf));
}

/** What can make a trigger fire: used to skip evaluation for events that cannot (ingest, backtest). */
export interface TriggerProfile {
  /** Event names whose arrival can fire it (event leaves, aggregate series); null: any event can. */
  events: ReadonlySet<string> | null;
  /** Models whose score or tier changes can fire it. */
  scoreModels: ReadonlySet<string>;
  /** Whether tier names are read (tierChange leaves). */
  usesTiers: boolean;
  /** Inactivity, schedule or relative-date leaves: evaluate it on ticks. */
  onTick: boolean;
  /** crmChange leaves: evaluate it on CRM changes. */
  onCrm: boolean;
  /** Window aggregates it reads (empty: none). */
  aggregateNeeds: AggregateNeed[];
  /** Event names whose latest time inactivity leaves read; null stands for any event. */
  inactivityEvents: (string | null)[];
}

export function triggerProfile(trigger: Trigger): TriggerProfile {
  let events: Set<string> | null = new Set<string>();
  const scoreModels = new Set<string>();
  const inactivityEvents: (string | null)[] = [];
  let usesTiers = false;
  let onTick = false;
  let onCrm = false;
  const aggregateNeeds = aggregateNeedsOf(trigger);
  for (const need of aggregateNeeds) {
    if (need.event === null) events = null;
    else events?.add(need.event);
  }
  for (const leaf of triggerLeaves(trigger)) {
    switch (leaf.kind) {
      case 'event':
        events?.add(leaf.event);
        break;
      case 'scoreThreshold':
        scoreModels.add(leaf.model);
        break;
      case 'tierChange':
        scoreModels.add(leaf.model);
        usesTiers = true;
        break;
      case 'inactivity':
        onTick = true;
        inactivityEvents.push(leaf.event ?? null);
        break;
      case 'schedule':
      case 'relativeDate':
        onTick = true;
        break;
      case 'crmChange':
        onCrm = true;
        break;
      default:
        break;
    }
  }
  return { events, scoreModels, usesTiers, onTick, onCrm, aggregateNeeds, inactivityEvents };
}
