import { isTimeZone, nextMidnight } from './next-midnight';

describe('nextMidnight', () => {
  it('is the next 00:00 in the zone', () => {
    expect(new Date(nextMidnight('UTC', Date.parse('2026-02-02T10:15:00Z'))).toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(new Date(nextMidnight('UTC', Date.parse('2026-02-02T00:00:00Z'))).toISOString()).toBe('2026-02-03T00:00:00.000Z');
    // 22:00 in New York (UTC-5) on Feb 2 is 03:00 UTC on Feb 3: midnight comes two hours later.
    expect(new Date(nextMidnight('America/New_York', Date.parse('2026-02-03T03:00:00Z'))).toISOString()).toBe('2026-02-03T05:00:00.000Z');
    expect(new Date(nextMidnight('Asia/Tokyo', Date.parse('2026-02-02T10:15:00Z'))).toISOString()).toBe('2026-02-02T15:00:00.000Z');
  });

  it('lands on the right hour across a daylight-saving change', () => {
    // New York moves to UTC-4 on 2026-03-08 at 02:00: the next midnight is 04:00 UTC.
    expect(new Date(nextMidnight('America/New_York', Date.parse('2026-03-08T12:00:00Z'))).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    // 00:30 EST, before the change: the offset now (-5) is not the offset at the next midnight (-4).
    expect(new Date(nextMidnight('America/New_York', Date.parse('2026-03-08T05:30:00Z'))).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(nextMidnight('America/New_York', Date.parse('2026-03-08T04:30:00Z'))).toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('knows IANA names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
