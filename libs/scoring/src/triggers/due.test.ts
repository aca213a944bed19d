import type { Trigger } from '@tripline/playbook';
import { DAY_MS } from '../time/calendar';
import { dueSubjects, nextDueAt } from './due';

const T = Date.UTC(2025, 2, 3);

describe('dueSubjects', () => {
  it('returns the subjects a tick enrolls, with the reason', () => {
    const trigger: Trigger = { kind: 'inactivity', days: 7 };
    const subjects = [
      { id: 'quiet', lastActivityAt: T },
      { id: 'busy', lastActivityAt: T + 5 * DAY_MS },
      { id: 'already-reported', lastActivityAt: T - 10 * DAY_MS },
      { id: 'never-seen' },
    ];
    expect(dueSubjects(trigger, subjects, { now: T + 7 * DAY_MS, previousTick: T + 7 * DAY_MS - 3_600_000 })).toEqual([
      { id: 'quiet', reason: 'no activity for 7 of 7 days' },
    ]);
  });
});

describe('nextDueAt', () => {
  it('is the deadline, the start of the span, or the next cron time', () => {
    expect(nextDueAt({ kind: 'inactivity', days: 7 }, { lastActivityAt: T }, T)).toBe(T + 7 * DAY_MS);
    expect(nextDueAt({ kind: 'inactivity', days: 7 }, { lastActivityAt: T }, T + 8 * DAY_MS)).toBeUndefined();
    const midpoint: Trigger = { kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 };
    expect(nextDueAt(midpoint, { traits: { closedWonAt: T } }, T)).toBe(T + 60 * DAY_MS);
    expect(nextDueAt(midpoint, { traits: { closedWonAt: T } }, T + 70 * DAY_MS)).toBe(T + 70 * DAY_MS);
    expect(nextDueAt(midpoint, { traits: { closedWonAt: T } }, T + 91 * DAY_MS)).toBeUndefined();
    expect(nextDueAt({ kind: 'schedule', cron: '0 9 * * *' }, {}, T)).toBe(T + 9 * 3_600_000);
  });

  it('is the earliest child for groups, and undefined for triggers time alone never fires', () => {
    const group: Trigger = { kind: 'any', triggers: [{ kind: 'inactivity', days: 3 }, { kind: 'schedule', cron: '0 0 * * *' }, { kind: 'event', event: 'X' }] };
    expect(nextDueAt(group, { lastActivityAt: T - 2 * DAY_MS }, T + 1)).toBe(T + DAY_MS);
    expect(nextDueAt({ kind: 'event', event: 'X' }, {}, T)).toBeUndefined();
  });
});
