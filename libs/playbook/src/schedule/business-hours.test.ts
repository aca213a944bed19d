import fc from 'fast-check';
import { BusinessHoursError, isWithinBusinessHours, nextBusinessHoursStart } from './business-hours';
import { TimeZoneError, wallTimeAt } from './zoned-time';

const WEEKDAYS_9_TO_17 = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
const iso = (date: Date) => date.toISOString();
const next = (from: string, hours: typeof WEEKDAYS_9_TO_17, timeZone: string) => iso(nextBusinessHoursStart(new Date(from), hours, timeZone));

describe('nextBusinessHoursStart', () => {
  it('returns the same instant inside business hours', () => {
    // Wednesday 2026-06-10 11:30 in Berlin (UTC+2).
    expect(next('2026-06-10T09:30:00.000Z', WEEKDAYS_9_TO_17, 'Europe/Berlin')).toBe('2026-06-10T09:30:00.000Z');
  });

  it('waits for the start hour on the same business day', () => {
    // 06:00 in New York (UTC−4 in June) → 09:00 local.
    expect(next('2026-06-10T10:00:00.000Z', WEEKDAYS_9_TO_17, 'America/New_York')).toBe('2026-06-10T13:00:00.000Z');
  });

  it('goes to the next business day after closing and over the weekend', () => {
    // Wednesday 17:00 local is closed (end is exclusive) → Thursday 09:00.
    expect(next('2026-06-10T15:00:00.000Z', WEEKDAYS_9_TO_17, 'Europe/Berlin')).toBe('2026-06-11T07:00:00.000Z');
    // Friday 20:00 Berlin → Monday 09:00.
    expect(next('2026-06-12T18:00:00.000Z', WEEKDAYS_9_TO_17, 'Europe/Berlin')).toBe('2026-06-15T07:00:00.000Z');
  });

  it('reads the weekday on the local calendar, not in UTC', () => {
    // Monday 2026-06-15 02:00 UTC is still Sunday 19:00 in Los Angeles → Monday 09:00 there.
    expect(next('2026-06-15T02:00:00.000Z', WEEKDAYS_9_TO_17, 'America/Los_Angeles')).toBe('2026-06-15T16:00:00.000Z');
    // Saturday 2026-06-13 23:30 UTC is already Sunday 08:30 in Tokyo: a Sunday-only schedule opens at 09:00 JST.
    expect(next('2026-06-13T23:30:00.000Z', { days: [0], startHour: 9, endHour: 12 }, 'Asia/Tokyo')).toBe('2026-06-14T00:00:00.000Z');
  });

  it('handles the spring-forward gap: a skipped start hour begins when the clocks jump', () => {
    // New York, Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    expect(next('2026-03-08T05:00:00.000Z', { days: [0], startHour: 2, endHour: 5 }, 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    // The day after the change, 09:00 is EDT (UTC−4).
    expect(next('2026-03-08T20:00:00.000Z', WEEKDAYS_9_TO_17, 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
    // Berlin, Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC; Monday 09:00 is UTC+2.
    expect(next('2026-03-27T17:00:00.000Z', WEEKDAYS_9_TO_17, 'Europe/Berlin')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('handles the fall-back repeat: a start hour that happens twice begins the first time', () => {
    // New York, Sunday 2026-11-01: 02:00 EDT goes back to 01:00 EST at 06:00 UTC; 01:00 happens twice.
    expect(next('2026-11-01T04:00:00.000Z', { days: [0], startHour: 1, endHour: 4 }, 'America/New_York')).toBe('2026-11-01T05:00:00.000Z');
    // During the second 01:xx the window is open.
    expect(next('2026-11-01T06:30:00.000Z', { days: [0], startHour: 1, endHour: 4 }, 'America/New_York')).toBe('2026-11-01T06:30:00.000Z');
    // Monday after the change, 09:00 is EST (UTC−5).
    expect(next('2026-11-01T12:00:00.000Z', WEEKDAYS_9_TO_17, 'America/New_York')).toBe('2026-11-02T14:00:00.000Z');
  });

  it('honours half-hour daylight saving (Lord Howe Island) and half-hour zones', () => {
    // Lord Howe: UTC+10:30 in winter, +11 in summer (from 2026-10-04 02:00 local).
    // Sunday 2026-10-04 20:00 UTC is Monday 07:00 there (+11) → 09:00 = 22:00 UTC; in June (+10:30) 22:30 UTC.
    expect(next('2026-10-04T20:00:00.000Z', WEEKDAYS_9_TO_17, 'Australia/Lord_Howe')).toBe('2026-10-04T22:00:00.000Z');
    expect(next('2026-06-09T20:00:00.000Z', WEEKDAYS_9_TO_17, 'Australia/Lord_Howe')).toBe('2026-06-09T22:30:00.000Z');
    // India, UTC+5:30, no daylight saving.
    expect(next('2026-06-10T00:00:00.000Z', WEEKDAYS_9_TO_17, 'Asia/Kolkata')).toBe('2026-06-10T03:30:00.000Z');
  });

  it('runs until midnight with endHour 24', () => {
    expect(next('2026-06-10T21:59:00.000Z', { days: [3], startHour: 20, endHour: 24 }, 'UTC')).toBe('2026-06-10T21:59:00.000Z');
    expect(next('2026-06-11T00:00:00.000Z', { days: [3], startHour: 20, endHour: 24 }, 'UTC')).toBe('2026-06-17T20:00:00.000Z');
  });

  it('refuses unusable hours and unknown time zones with a clear message', () => {
    const at = new Date('2026-06-10T00:00:00.000Z');
    expect(() => nextBusinessHoursStart(at, { days: [], startHour: 9, endHour: 17 }, 'UTC')).toThrow(new BusinessHoursError('business hours need at least one day'));
    expect(() => nextBusinessHoursStart(at, { days: [1], startHour: 17, endHour: 9 }, 'UTC')).toThrow('business hours end (9:00) must be after they start (17:00)');
    expect(() => nextBusinessHoursStart(at, { days: [7], startHour: 9, endHour: 17 }, 'UTC')).toThrow('business days are 0 (Sunday) to 6 (Saturday)');
    expect(() => nextBusinessHoursStart(at, WEEKDAYS_9_TO_17, 'Mars/Olympus_Mons')).toThrow(TimeZoneError);
    expect(() => nextBusinessHoursStart(at, WEEKDAYS_9_TO_17, 'Mars/Olympus_Mons')).toThrow('"Mars/Olympus_Mons" is not a time zone');
  });
});

describe('nextBusinessHoursStart (properties)', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
  const hoursArbitrary = fc
    .record({
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      startHour: fc.integer({ min: 0, max: 23 }),
      length: fc.integer({ min: 1, max: 24 }),
    })
    .map(({ days, startHour, length }) => ({ days, startHour, endHour: Math.min(24, startHour + length) }));
  // 2025–2027, so every run crosses daylight-saving changes in the zones that have them.
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
  const QUARTER_HOUR = 15 * 60_000;

  it('is at or after `from`, inside business hours, and no business-hours instant comes between', () => {
    fc.assert(
      fc.property(instant, hoursArbitrary, fc.constantFrom(...zones), (from, hours, zone) => {
        const result = nextBusinessHoursStart(new Date(from), hours, zone).getTime();
        expect(result).toBeGreaterThanOrEqual(from);
        expect(result - from).toBeLessThanOrEqual(8 * 86_400_000);
        expect(isWithinBusinessHours(wallTimeAt(result, zone), hours)).toBe(true);
        if (result === from) return;
        // Closed just before the result, and at every quarter hour between `from` and it.
        expect(isWithinBusinessHours(wallTimeAt(result - 1000, zone), hours)).toBe(false);
        for (let t = from; t < result; t += QUARTER_HOUR) expect(isWithinBusinessHours(wallTimeAt(t, zone), hours)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: asking again from the answer gives the answer', () => {
    fc.assert(
      fc.property(instant, hoursArbitrary, fc.constantFrom(...zones), (from, hours, zone) => {
        const result = nextBusinessHoursStart(new Date(from), hours, zone);
        expect(nextBusinessHoursStart(result, hours, zone).getTime()).toBe(result.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('starts at the start hour on the local clock (or when a skipped start hour is jumped over)', () => {
    fc.assert(
      fc.property(instant, hoursArbitrary, fc.constantFrom(...zones), (from, hours, zone) => {
        const result = nextBusinessHoursStart(new Date(from), hours, zone).getTime();
        if (result === from) return;
        const wall = wallTimeAt(result, zone);
        const before = wallTimeAt(result - 1000, zone);
        const jumped = (before.hour + 1) % 24 !== wall.hour || before.minute !== 59;
        if (!jumped) expect([wall.hour, wall.minute, wall.second]).toEqual([hours.startHour, 0, 0]);
        else expect(wall.hour).toBeGreaterThanOrEqual(hours.startHour);
      }),
      { numRuns: 300 },
    );
  });
});
