/** Calendar arithmetic in UTC on epoch milliseconds: caps and component windows use UTC days. */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 UTC (negative before it). */
export function utcDayOf(timestamp: number): number {
  return Math.floor(timestamp / DAY_MS);
}

export interface CalendarBucket {
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms. */
  end: number;
}

/** The UTC day, ISO week (Monday to Sunday) or calendar month that contains `timestamp`. */
export function calendarBucketOf(per: 'day' | 'week' | 'month', timestamp: number): CalendarBucket {
  const day = utcDayOf(timestamp);
  if (per === 'day') return { start: day * DAY_MS, end: (day + 1) * DAY_MS };
  if (per === 'week') {
    // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
    const sinceMonday = (((day + 3) % 7) + 7) % 7;
    const start = (day - sinceMonday) * DAY_MS;
    return { start, end: start + 7 * DAY_MS };
  }
  const date = new Date(timestamp);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}
