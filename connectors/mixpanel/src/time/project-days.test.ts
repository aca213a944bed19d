import { addDays, dayOf, isDay, isValidTimeZone, timeZoneOffsetMs, wallClockToInstant } from './project-days';

describe('project days', () => {
  it('puts an instant on the day it falls on in the project timezone', () => {
    const instant = Date.parse('2026-01-02T03:30:00Z');
    expect(dayOf(instant, 'UTC')).toBe('2026-01-02');
    expect(dayOf(instant, 'America/Los_Angeles')).toBe('2026-01-01');
    expect(dayOf(instant, 'Asia/Kolkata')).toBe('2026-01-02');
  });

  it('does calendar arithmetic across month and year ends, and checks days', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-1-5')).toBe(false);
    expect(() => addDays('yesterday', 1)).toThrow("'yesterday' is not a yyyy-mm-dd day");
  });

  it('knows real timezones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads legacy wall-clock times back as instants, through DST changes', () => {
    const la = 'America/Los_Angeles';
    expect(timeZoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), la)).toBe(-8 * 3_600_000);
    expect(timeZoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), la)).toBe(-7 * 3_600_000);
    // 09:00 local on 15 Jan (PST) is 17:00 UTC; on 15 Jul (PDT) 16:00 UTC.
    expect(new Date(wallClockToInstant(Date.parse('2026-01-15T09:00:00Z'), la)).toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(new Date(wallClockToInstant(Date.parse('2026-07-15T09:00:00Z'), la)).toISOString()).toBe('2026-07-15T16:00:00.000Z');
    // 01:30 on 1 Nov 2026 happens twice in Los Angeles: the earlier (PDT) instant is chosen.
    expect(new Date(wallClockToInstant(Date.parse('2026-11-01T01:30:00Z'), la)).toISOString()).toBe('2026-11-01T08:30:00.000Z');
    // 02:30 on 8 Mar 2026 never happens there (clocks jump 02:00 → 03:00).
    expect(new Date(wallClockToInstant(Date.parse('2026-03-08T02:30:00Z'), la)).toISOString()).toBe('2026-03-08T10:30:00.000Z');
    expect(wallClockToInstant(1_700_000_000_123, 'UTC')).toBe(1_700_000_000_123);
  });
});
