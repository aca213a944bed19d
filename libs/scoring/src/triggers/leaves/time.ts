import { readPropertyPath, type InactivityTrigger, type RelativeDateTrigger, type ScheduleTrigger } from '@tripline/playbook';
import { DAY_MS } from '../../time/calendar';
import { cronFiresBetween } from '../cron-times';
import { result, type Moment } from '../moment';
import type { TriggerInput, TriggerResult } from '../types';

/** A tick without a previous tick looks back one minute: the cron's resolution. */
const FIRST_TICK_SPAN_MS = 60_000;

/**
 * A date trait as epoch ms: an ISO string, or a number (epoch seconds below 1e11 — Segment sends
 * both — else milliseconds). Anything else is no date.
 */
export function dateTraitValue(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.abs(value) < 1e11 ? value * 1000 : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** When `trigger` is due for a subject: the inactivity deadline (last activity + days). */
export function inactivityDeadline(trigger: InactivityTrigger, input: Pick<TriggerInput, 'lastActivityAt' | 'lastEventAt'>): number | undefined {
  const last = trigger.event === undefined ? input.lastActivityAt : input.lastEventAt?.[trigger.event];
  return typeof last === 'number' && Number.isFinite(last) ? last + trigger.days * DAY_MS : undefined;
}

/** The [start, end) span of a relative date: from `fromDays` after the date to the end of day `toDays`. */
export function relativeDateSpan(trigger: RelativeDateTrigger, traits: Readonly<Record<string, unknown>> | undefined): { start: number; end: number } | undefined {
  const date = dateTraitValue(readPropertyPath(traits ?? {}, trigger.trait));
  if (date === undefined) return undefined;
  return { start: date + trigger.fromDays * DAY_MS, end: date + (trigger.toDays + 1) * DAY_MS };
}

/** Inactive for `days` days: holds from the deadline on; fires on the tick whose span the deadline falls in. */
export function evaluateInactivity(trigger: InactivityTrigger, moment: Moment): TriggerResult {
  const what = trigger.event === undefined ? 'activity' : `"${trigger.event}"`;
  const deadline = inactivityDeadline(trigger, moment.input);
  if (deadline === undefined) return result(moment, false, false, () => `no ${what} recorded yet`);
  const { now, previousTick } = moment.input;
  const holds = now >= deadline;
  const fired = holds && !moment.atEvent && !(previousTick !== undefined && previousTick >= deadline);
  return result(moment, holds, fired, () => `no ${what} for ${Math.floor((now - (deadline - trigger.days * DAY_MS)) / DAY_MS)} of ${trigger.days} days`);
}

/** Fires on ticks whose span (previousTick, now] contains a time of the cron expression. */
export function evaluateSchedule(trigger: ScheduleTrigger, moment: Moment): TriggerResult {
  if (moment.atEvent) return result(moment, false, false, () => `schedule ${trigger.cron} runs on ticks`);
  const { now, previousTick } = moment.input;
  const fired = cronFiresBetween(trigger.cron, previousTick ?? now - FIRST_TICK_SPAN_MS, now, trigger.timeZone);
  return result(moment, fired, fired, () => fired ? `schedule ${trigger.cron} is due` : `schedule ${trigger.cron} is not due`);
}

/**
 * Holds inside the span; fires on the first tick inside it (the previous tick was not). A subject
 * whose date trait just changed is evaluated without previousTick, so a date set late still fires.
 */
export function evaluateRelativeDate(trigger: RelativeDateTrigger, moment: Moment): TriggerResult {
  const span = relativeDateSpan(trigger, moment.input.traits);
  if (span === undefined) return result(moment, false, false, () => `trait "${trigger.trait}" is not a date`);
  const inside = (time: number): boolean => span.start <= time && time < span.end;
  const { now, previousTick } = moment.input;
  const holds = inside(now);
  const fired = holds && !moment.atEvent && !(previousTick !== undefined && inside(previousTick));
  return result(moment, holds, fired, () => `day ${Math.floor((now - (span.start - trigger.fromDays * DAY_MS)) / DAY_MS)} after "${trigger.trait}", window ${trigger.fromDays}–${trigger.toDays}`);
}
