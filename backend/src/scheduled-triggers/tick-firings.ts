/**
 * A subject a tick found due becomes a firing with an occurrence: the moment the trigger came due
 * (the inactivity deadline, the cron time, the start of the relative-date span) rather than the tick's
 * own time, so the enrollment key of the same occurrence is the same whoever ticks and whenever.
 * Pure.
 */
import { evaluateTrigger, nextDueAt, scoreContextOf, type TickSubject } from '@tripline/scoring';
import type { EventlessFiring } from '../triggers/enroll-firings';
import type { TickWindow } from './tick-candidates';
import type { TickPlaybook } from './tick-playbooks';
import type { LoadedSubject } from './tick-subjects';

/**
 * When the firing became due: the latest due time, inside the window, of the tick leaves that fired
 * (for `all`, the last condition to come true); the tick's time when none can say.
 */
export function occurrenceTime(tick: TickPlaybook, subject: TickSubject, window: TickWindow): number {
  const { id: _id, ...input } = subject;
  let latest: number | undefined;
  for (const leaf of tick.leaves) {
    if (!evaluateTrigger(leaf, { ...input, now: window.now, previousTick: window.previous }, { explain: false }).fired) continue;
    const due = nextDueAt(leaf, input, window.previous);
    if (due !== undefined && due <= window.now && (latest === undefined || due > latest)) latest = due;
  }
  return latest ?? window.now;
}

export function tickFiring(tick: TickPlaybook, loaded: LoadedSubject, window: TickWindow): EventlessFiring {
  const at = new Date(occurrenceTime(tick, loaded.tick, window));
  // A crossing that decay alone caused: the run learns which score moved, as at an event.
  const score = scoreContextOf(tick.playbook.definition.trigger, loaded.tick.scoreChanges);
  return {
    playbook: tick.playbook,
    subject: { kind: tick.subject, id: loaded.tick.id },
    context: score ? { ...loaded.context, score } : loaded.context,
    occurrence: { id: `tick:${at.toISOString()}`, at },
  };
}
