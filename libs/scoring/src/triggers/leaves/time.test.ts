import type { Trigger } from '@tripline/playbook';
import { DAY_MS } from '../../time/calendar';
import { evaluateTrigger } from '../evaluate-trigger';
import { dateTraitValue } from './time';

const T = Date.UTC(2025, 2, 3, 12);

describe('inactivity (ticks)', () => {
  const trigger: Trigger = { kind: 'inactivity', days: 14 };

  it('fires on the tick whose span holds the deadline, and only that one', () => {
    const lastActivityAt = T;
    const deadline = T + 14 * DAY_MS;
    expect(evaluateTrigger(trigger, { now: deadline - 1, previousTick: deadline - 3_600_001, lastActivityAt })).toMatchObject({ fired: false, holds: false });
    expect(evaluateTrigger(trigger, { now: deadline, previousTick: deadline - 3_600_000, lastActivityAt })).toEqual({
      fired: true,
      holds: true,
      reason: 'no activity for 14 of 14 days',
    });
    expect(evaluateTrigger(trigger, { now: deadline + 3_600_000, previousTick: deadline, lastActivityAt })).toMatchObject({ fired: false, holds: true });
  });

  it('fires at a first tick past the deadline; never without any activity; reads the named event', () => {
    expect(evaluateTrigger(trigger, { now: T + 20 * DAY_MS, lastActivityAt: T }).fired).toBe(true);
    expect(evaluateTrigger(trigger, { now: T + 20 * DAY_MS, lastActivityAt: null })).toEqual({ fired: false, holds: false, reason: 'no activity recorded yet' });
    const named: Trigger = { kind: 'inactivity', event: 'Session Started', days: 2 };
    expect(evaluateTrigger(named, { now: T + 2 * DAY_MS, lastActivityAt: T + DAY_MS, lastEventAt: { 'Session Started': T } }).fired).toBe(true);
  });
});

describe('relativeDate: 60–90 days after close', () => {
  const trigger: Trigger = { kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 };
  const traits = { closedWonAt: '2025-01-01T00:00:00Z' };
  const closed = Date.UTC(2025, 0, 1);

  it('fires on the first tick on day 60 and holds through day 90', () => {
    expect(evaluateTrigger(trigger, { now: closed + 60 * DAY_MS - 1, previousTick: closed + 59 * DAY_MS, traits }).holds).toBe(false);
    expect(evaluateTrigger(trigger, { now: closed + 60 * DAY_MS, previousTick: closed + 59 * DAY_MS, traits })).toEqual({
      fired: true,
      holds: true,
      reason: 'day 60 after "closedWonAt", window 60–90',
    });
    expect(evaluateTrigger(trigger, { now: closed + 61 * DAY_MS, previousTick: closed + 60 * DAY_MS, traits })).toMatchObject({ fired: false, holds: true });
    expect(evaluateTrigger(trigger, { now: closed + 91 * DAY_MS - 1, traits }).holds).toBe(true);
    expect(evaluateTrigger(trigger, { now: closed + 91 * DAY_MS, traits }).holds).toBe(false);
  });

  it('fires for a date set late, evaluated without a previous tick, inside the window only', () => {
    expect(evaluateTrigger(trigger, { now: closed + 75 * DAY_MS, traits }).fired).toBe(true);
    expect(evaluateTrigger(trigger, { now: closed + 95 * DAY_MS, traits }).fired).toBe(false);
    expect(evaluateTrigger(trigger, { now: closed + 75 * DAY_MS, traits: { closedWonAt: 'soon' } }).reason).toBe('trait "closedWonAt" is not a date');
  });

  it('reads dates as ISO text, epoch seconds or epoch milliseconds', () => {
    expect(dateTraitValue('2025-01-01')).toBe(closed);
    expect(dateTraitValue(closed / 1000)).toBe(closed);
    expect(dateTraitValue(closed)).toBe(closed);
    expect(dateTraitValue(true)).toBeUndefined();
  });
});

describe('schedule (ticks)', () => {
  const trigger: Trigger = { kind: 'schedule', cron: '0 9 * * 1', timeZone: 'Europe/Berlin' };
  // Monday 2025-03-31 09:00 in Berlin is 07:00 UTC (summer time began on the 30th).
  const nineInBerlin = Date.UTC(2025, 2, 31, 7);

  it('fires on the tick covering a cron time in the time zone', () => {
    expect(evaluateTrigger(trigger, { now: nineInBerlin, previousTick: nineInBerlin - 60_000 }).fired).toBe(true);
    expect(evaluateTrigger(trigger, { now: nineInBerlin + 3_600_000, previousTick: nineInBerlin }).fired).toBe(false);
    expect(evaluateTrigger(trigger, { now: nineInBerlin - 1, previousTick: nineInBerlin - 3_600_000 }).fired).toBe(false);
    // A tick that was missed for a day still runs it once.
    expect(evaluateTrigger(trigger, { now: nineInBerlin + DAY_MS, previousTick: nineInBerlin - DAY_MS }).fired).toBe(true);
  });

  it('never fires at an event', () => {
    const event = { messageId: 'm', event: 'X', timestamp: nineInBerlin, properties: {} };
    expect(evaluateTrigger(trigger, { now: nineInBerlin, event }).fired).toBe(false);
  });
});
