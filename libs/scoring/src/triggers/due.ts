import type { Trigger } from '@tripline/playbook';
import { nextCronTimes } from './cron-times';
import { evaluateTrigger } from './evaluate-trigger';
import { inactivityDeadline, relativeDateSpan } from './leaves/time';
import type { TriggerInput } from './types';

/** What a tick knows about one subject (whatever the trigger's kinds read; see TriggerInput). */
export type TickSubject = { id: string } & Omit<TriggerInput, 'now' | 'previousTick' | 'event' | 'recorded' | 'crmChange'>;

export interface Tick {
  now: number;
  previousTick?: number;
}

/** The subjects a tick enrolls: those for which the trigger fires in (previousTick, now], with the reason. */
export function dueSubjects(trigger: Trigger, subjects: Iterable<TickSubject>, tick: Tick): { id: string; reason: string }[] {
  const due: { id: string; reason: string }[] = [];
  for (const { id, ...subject } of subjects) {
    const outcome = evaluateTrigger(trigger, { ...subject, now: tick.now, ...(tick.previousTick === undefined ? {} : { previousTick: tick.previousTick }) });
    if (outcome.fired) due.push({ id, reason: outcome.reason });
  }
  return due;
}

/**
 * The earliest time after `after` at which a tick could fire the trigger for this subject (the
 * inactivity deadline, the start of a relative-date span, the next cron time), so a scheduler can
 * index subjects by it; undefined when time alone never fires it. For all / any it is the earliest
 * over the children: a lower bound to evaluate at, not a promise.
 */
export function nextDueAt(trigger: Trigger, subject: Omit<TickSubject, 'id'>, after: number): number | undefined {
  switch (trigger.kind) {
    case 'inactivity': {
      const deadline = inactivityDeadline(trigger, subject);
      return deadline !== undefined && deadline > after ? deadline : undefined;
    }
    case 'relativeDate': {
      const span = relativeDateSpan(trigger, subject.traits);
      if (span === undefined || span.end <= after) return undefined;
      return span.start > after ? span.start : after;
    }
    case 'schedule':
      return nextCronTimes(trigger.cron, after, trigger.timeZone)[0];
    case 'all':
    case 'any': {
      const times = trigger.triggers.map((child) => nextDueAt(child, subject, after)).filter((time): time is number => time !== undefined);
      return times.length > 0 ? Math.min(...times) : undefined;
    }
    default:
      return undefined;
  }
}
