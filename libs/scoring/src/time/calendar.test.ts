import { calendarBucketOf, DAY_MS } from './calendar';

describe('calendarBucketOf (UTC)', () => {
  const wednesday = Date.UTC(2025, 2, 5, 15, 30);

  it('finds the day, the ISO week (Monday to Sunday) and the month', () => {
    expect(calendarBucketOf('day', wednesday)).toEqual({ start: Date.UTC(2025, 2, 5), end: Date.UTC(2025, 2, 6) });
    expect(calendarBucketOf('week', wednesday)).toEqual({ start: Date.UTC(2025, 2, 3), end: Date.UTC(2025, 2, 10) });
    expect(calendarBucketOf('week', Date.UTC(2025, 2, 9, 23, 59))).toEqual({ start: Date.UTC(2025, 2, 3), end: Date.UTC(2025, 2, 10) });
    expect(calendarBucketOf('week', Date.UTC(2025, 2, 10))).toEqual({ start: Date.UTC(2025, 2, 10), end: Date.UTC(2025, 2, 17) });
    expect(calendarBucketOf('month', wednesday)).toEqual({ start: Date.UTC(2025, 2, 1), end: Date.UTC(2025, 3, 1) });
    expect(calendarBucketOf('month', Date.UTC(2024, 11, 31, 23))).toEqual({ start: Date.UTC(2024, 11, 1), end: Date.UTC(2025, 0, 1) });
  });

  it('works before 1970 too', () => {
    // 1969-12-29 was a Monday
    expect(calendarBucketOf('week', Date.UTC(1969, 11, 31, 12))).toEqual({ start: Date.UTC(1969, 11, 29), end: Date.UTC(1969, 11, 29) + 7 * DAY_MS });
    expect(calendarBucketOf('day', -1)).toEqual({ start: -DAY_MS, end: 0 });
  });
});
