import { nextCronTimes, cronFiresBetween } from './cron-times';

describe('nextCronTimes', () => {
  it('lists the next times in a time zone across a daylight-saving change', () => {
    // Mondays at 9:00 in New York: 14:00 UTC in winter, 13:00 UTC from 9 March 2025.
    expect(nextCronTimes('0 9 * * 1', Date.UTC(2025, 1, 25), 'America/New_York', 3).map((time) => new Date(time).toISOString())).toEqual([
      '2025-03-03T14:00:00.000Z',
      '2025-03-10T13:00:00.000Z',
      '2025-03-17T13:00:00.000Z',
    ]);
  });

  it('is strictly after `after`, and defaults to UTC', () => {
    const nine = Date.UTC(2025, 2, 3, 9);
    expect(nextCronTimes('0 9 * * *', nine)).toEqual([nine + 86_400_000]);
    expect(nextCronTimes('0 9 * * *', nine - 1)).toEqual([nine]);
    expect(nextCronTimes('@monthly', Date.UTC(2025, 0, 15), 'UTC', 2)).toEqual([Date.UTC(2025, 1, 1), Date.UTC(2025, 2, 1)]);
  });

  it('tells whether a span (from, to] holds a time', () => {
    const nine = Date.UTC(2025, 2, 3, 9);
    expect(cronFiresBetween('0 9 * * *', nine - 1, nine)).toBe(true);
    expect(cronFiresBetween('0 9 * * *', nine, nine + 3_600_000)).toBe(false);
  });

  it('refuses bad expressions and zones with the reason', () => {
    expect(() => nextCronTimes('0 9 * *', 0)).toThrow('"0 9 * *" has 4 fields; write 5: minute hour day-of-month month day-of-week');
    expect(() => nextCronTimes('0 9 * * *', 0, 'Nowhere/Land')).toThrow('"Nowhere/Land" is not a time zone');
  });
});
