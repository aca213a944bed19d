import type { Filter } from '@tripline/playbook';
import type { ComponentMetric, ComponentScoringModel } from '../model/types';

/** Which aggregate a need keeps per day. */
export type NeedKind = 'people' | 'counts' | 'sums' | 'values';

/** One per-day aggregate a component model needs, keyed so models (and versions) that need the same thing share it. */
export interface ActivityNeed {
  key: string;
  kind: NeedKind;
  event?: string;
  where?: Filter;
  /** Event property read (sums, values). */
  property?: string;
}

/** JSON with object keys sorted, so equal filters give equal keys whatever order they were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function need(kind: NeedKind, metric: { event?: string; where?: Filter }, property?: string): ActivityNeed {
  const key = `${kind}:${canonical([metric.event ?? null, metric.where ?? null, property ?? null])}`;
  const result: ActivityNeed = { key, kind };
  if (metric.event !== undefined) result.event = metric.event;
  if (metric.where !== undefined) result.where = metric.where;
  if (property !== undefined) result.property = property;
  return result;
}

/** People active with any event: the denominator of per-user metrics and the basis of growth. */
export const ANY_ACTIVE_PEOPLE: ActivityNeed = need('people', {});

const metricNeeds = new WeakMap<ComponentMetric, ActivityNeed[]>();

/** The aggregates one metric reads. Cached per metric object (scoring reads them per component per evaluation): do not edit the result. */
export function needsOfMetric(metric: ComponentMetric): ActivityNeed[] {
  let needs = metricNeeds.get(metric);
  if (needs === undefined) metricNeeds.set(metric, (needs = computeNeedsOfMetric(metric)));
  return needs;
}

function computeNeedsOfMetric(metric: ComponentMetric): ActivityNeed[] {
  switch (metric.kind) {
    case 'activeUsersRatio':
      return [need('people', metric)];
    case 'distinctPropertyValues':
      return [need('values', metric, metric.property)];
    case 'averageProperty':
      return [need('sums', metric, metric.property)];
    case 'eventsPerActiveUser':
      return [need('counts', metric), ANY_ACTIVE_PEOPLE];
    case 'activeUsersGrowth':
      return [ANY_ACTIVE_PEOPLE];
    case 'trait':
    case 'traitRatio':
      return [];
  }
}

const needsCache = new WeakMap<ComponentScoringModel, ActivityNeed[]>();

/** Every aggregate the model's components read, each once. Cached per model object (ingest calls this per event). */
export function activityNeedsOf(model: ComponentScoringModel): ActivityNeed[] {
  const cached = needsCache.get(model);
  if (cached) return cached;
  const byKey = new Map<string, ActivityNeed>();
  for (const component of model.components) for (const item of needsOfMetric(component.metric)) byKey.set(item.key, item);
  const needs = [...byKey.values()];
  needsCache.set(model, needs);
  return needs;
}

/** Days of history the model reads at most: its largest window, twice for growth (this window and the one before). */
export function activityHorizonDays(model: ComponentScoringModel): number {
  let days = 0;
  for (const { metric } of model.components) {
    if (!('windowDays' in metric)) continue;
    days = Math.max(days, metric.kind === 'activeUsersGrowth' ? 2 * metric.windowDays : metric.windowDays);
  }
  return days;
}
