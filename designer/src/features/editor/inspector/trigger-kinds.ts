/**
 * The trigger kinds the panel offers, and what a trigger becomes when its kind is changed: the new
 * kind's defaults, keeping what still applies (the event and its filter, the scoring model).
 */
import { TRIGGER_KINDS, type Filter, type Trigger, type TriggerKind } from '@tripline/playbook';

export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = {
  event: 'Product event',
  scoreThreshold: 'Score threshold',
  tierChange: 'Tier change',
  eventCount: 'Event count in a window',
  distinctUsers: 'Distinct users in a window',
  propertySum: 'Sum of a property in a window',
  baselineRatio: 'Above a baseline for N days',
  growth: 'Growth over the last period',
  inactivity: 'Inactivity',
  schedule: 'Schedule (cron)',
  relativeDate: 'Days before / after a date',
  crmChange: 'CRM field change',
  all: 'All of several triggers (JSON)',
  any: 'Any of several triggers (JSON)',
};

export const TRIGGER_KIND_OPTIONS = TRIGGER_KINDS.map((kind) => ({ value: kind, label: TRIGGER_KIND_LABELS[kind] }));

export function isTriggerKind(kind: string): kind is TriggerKind {
  return (TRIGGER_KINDS as readonly string[]).includes(kind);
}

const eventOf = (trigger: Trigger): string | undefined => {
  if ('event' in trigger && typeof trigger.event === 'string' && trigger.event !== '') return trigger.event;
  if ('metric' in trigger && trigger.metric.event) return trigger.metric.event;
  return undefined;
};
const whereOf = (trigger: Trigger): Filter | undefined => ('where' in trigger ? trigger.where : 'metric' in trigger ? trigger.metric.where : undefined);
const modelOf = (trigger: Trigger): string | undefined => ('model' in trigger && trigger.model !== '' ? trigger.model : undefined);

/** A trigger of `kind`, carrying over from `previous` the event, its filter and the scoring model where they fit. */
export function triggerOfKind(kind: TriggerKind, previous: Trigger, defaultModel?: string): Trigger {
  if (kind === previous.kind) return previous;
  const event = eventOf(previous) ?? 'Feature Used';
  const where = whereOf(previous);
  const withWhere = where === undefined ? {} : { where };
  const model = modelOf(previous) ?? defaultModel ?? '';
  switch (kind) {
    case 'event':
      return { kind, event, ...withWhere };
    case 'scoreThreshold':
      return { kind, model, threshold: 71, direction: 'up' };
    case 'tierChange':
      return { kind, model, to: 'High' };
    case 'eventCount':
      return { kind, event, ...withWhere, atLeast: 5, withinDays: 7 };
    case 'distinctUsers':
      return { kind, event, ...withWhere, atLeast: 3, withinDays: 30 };
    case 'propertySum':
      return { kind, event, ...withWhere, property: 'amount', atLeast: 500, withinDays: 30 };
    case 'baselineRatio':
      return { kind, metric: { kind: 'activeUsers' }, baseline: { trait: 'planDauBaseline' }, percent: 150, consecutiveDays: 7 };
    case 'growth':
      return { kind, metric: { kind: 'eventCount', event, ...withWhere }, percent: 20, period: 'month' };
    case 'inactivity':
      return { kind, days: 14 };
    case 'schedule':
      return { kind, cron: '0 9 * * 1', timeZone: 'UTC' };
    case 'relativeDate':
      return { kind, trait: 'closedWonAt', fromDays: 60, toDays: 90 };
    case 'crmChange':
      return { kind, object: 'deal', field: 'dealstage', to: 'closedlost' };
    case 'all':
    case 'any':
      // The current trigger becomes the first of the group.
      return { kind, triggers: previous.kind === 'all' || previous.kind === 'any' ? previous.triggers : [previous] };
  }
}
