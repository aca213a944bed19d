import type { ChangeApprovalLevelTimers } from '@tripline/playbook';

/**
 * At most this many reminders per level. With the shortest sensible reminder period this bounds the
 * history of one level (a timer and an activity per reminder, ~10 events each) far below Temporal's
 * limits, so the workflow never needs to continue as new.
 */
export const MAX_REMINDERS_PER_LEVEL = 100;

/**
 * Where one open level's timers stand, in workflow time (ms since the epoch). Pure: the workflow
 * keeps one per open level and asks it what to wait for next, so the schedule can be unit-tested.
 */
export interface LevelClock {
  /** When the level times out (escalates, or expires when it cannot or already did). */
  deadlineAt: number;
  /** When the next reminder is due; null: none (no reminders, or the cap was reached). */
  nextReminderAt: number | null;
  /** Reminders sent so far: the next one's sequence is `reminders + 1`. */
  reminders: number;
  escalated: boolean;
}

/** What the level waits for next. */
export interface LevelWake {
  kind: 'reminder' | 'deadline';
  at: number;
}

/** The clock of a level opened at `now`: deadline after its timeout, the first reminder one period in. */
export function openLevelClock(timers: ChangeApprovalLevelTimers, now: number): LevelClock {
  return { deadlineAt: now + timers.timeoutMs, nextReminderAt: firstReminder(timers, now), reminders: 0, escalated: false };
}

/** A reminder strictly before the deadline comes first; one due at (or after) the deadline is not sent. */
export function nextWake(clock: LevelClock): LevelWake {
  if (clock.nextReminderAt !== null && clock.nextReminderAt < clock.deadlineAt) return { kind: 'reminder', at: clock.nextReminderAt };
  return { kind: 'deadline', at: clock.deadlineAt };
}

/**
 * The clock once the due reminder was sent: the next one a period after the one due (not after
 * `now`, so a slow notification does not shift the schedule), none past the cap.
 */
export function afterReminder(clock: LevelClock, timers: ChangeApprovalLevelTimers): LevelClock {
  const reminders = clock.reminders + 1;
  const nextReminderAt =
    clock.nextReminderAt === null || timers.reminderEveryMs === null || reminders >= MAX_REMINDERS_PER_LEVEL
      ? null
      : clock.nextReminderAt + timers.reminderEveryMs;
  return { ...clock, reminders, nextReminderAt };
}

/**
 * The clock once the level escalated at `now`: another full timeout for the escalation's approvers,
 * reminders restarting a period after the escalation (the reminder count, part of each message's key, goes on).
 */
export function afterEscalation(clock: LevelClock, timers: ChangeApprovalLevelTimers, now: number): LevelClock {
  const remindersLeft = clock.reminders < MAX_REMINDERS_PER_LEVEL;
  return {
    ...clock,
    escalated: true,
    deadlineAt: now + timers.timeoutMs,
    nextReminderAt: remindersLeft ? firstReminder(timers, now) : null,
  };
}

function firstReminder(timers: ChangeApprovalLevelTimers, from: number): number | null {
  return timers.reminderEveryMs !== null && timers.reminderEveryMs > 0 ? from + timers.reminderEveryMs : null;
}
