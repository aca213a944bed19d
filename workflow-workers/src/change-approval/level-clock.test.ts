import type { ChangeApprovalLevelTimers } from '@tripline/playbook';
import { afterEscalation, afterReminder, MAX_REMINDERS_PER_LEVEL, nextWake, openLevelClock, type LevelClock } from './level-clock';

const HOUR = 60 * 60 * 1000;
const level = (overrides: Partial<ChangeApprovalLevelTimers> = {}): ChangeApprovalLevelTimers => ({
  name: 'Approval',
  timeoutMs: 72 * HOUR,
  reminderEveryMs: 24 * HOUR,
  escalates: false,
  ...overrides,
});

/** The wakes of one period, as the workflow would walk them (a reminder is sent at each). */
function wakesUntilDeadline(clock: LevelClock, timers: ChangeApprovalLevelTimers): { clock: LevelClock; wakes: string[] } {
  const wakes: string[] = [];
  for (;;) {
    const wake = nextWake(clock);
    wakes.push(`${wake.kind}@${wake.at / HOUR}h`);
    if (wake.kind === 'deadline') return { clock, wakes };
    clock = afterReminder(clock, timers);
  }
}

describe('a change level clock', () => {
  it('reminds every period strictly before the deadline, then times out', () => {
    const timers = level();
    const { clock, wakes } = wakesUntilDeadline(openLevelClock(timers, 0), timers);
    expect(wakes).toEqual(['reminder@24h', 'reminder@48h', 'deadline@72h']);
    expect(clock.reminders).toBe(2);
  });

  it('has no reminders without a period', () => {
    const timers = level({ reminderEveryMs: null });
    expect(wakesUntilDeadline(openLevelClock(timers, 0), timers).wakes).toEqual(['deadline@72h']);
  });

  it('after an escalation waits another full timeout from then, reminders restarting, their count going on', () => {
    const timers = level({ escalates: true });
    const first = wakesUntilDeadline(openLevelClock(timers, 0), timers);
    // The escalation call took an hour (the API was slow): the escalated approvers still get 72 h.
    const escalated = afterEscalation(first.clock, timers, 73 * HOUR);
    expect(escalated).toMatchObject({ escalated: true, deadlineAt: 145 * HOUR, reminders: 2 });
    const second = wakesUntilDeadline(escalated, timers);
    expect(second.wakes).toEqual(['reminder@97h', 'reminder@121h', 'deadline@145h']);
    expect(second.clock.reminders).toBe(4);
  });

  it('keeps the schedule when a reminder is sent late', () => {
    const timers = level();
    const clock = afterReminder(openLevelClock(timers, 0), timers);
    expect(nextWake(clock)).toEqual({ kind: 'reminder', at: 48 * HOUR });
  });

  it(`stops reminding after ${MAX_REMINDERS_PER_LEVEL} reminders (the history stays bounded)`, () => {
    const timers = level({ timeoutMs: 1000 * HOUR, reminderEveryMs: 1 * HOUR, escalates: true });
    const { clock, wakes } = wakesUntilDeadline(openLevelClock(timers, 0), timers);
    expect(wakes.filter((wake) => wake.startsWith('reminder'))).toHaveLength(MAX_REMINDERS_PER_LEVEL);
    expect(wakes.at(-1)).toBe('deadline@1000h');
    expect(afterEscalation(clock, timers, 1000 * HOUR).nextReminderAt).toBeNull();
  });
});
