import { utcDay } from './event-source';

/** With no range given, the report covers today and the 6 days before it (UTC): "the last 7 days". */
export const DEFAULT_RANGE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface QualityDayRange {
  /** first UTC day, `YYYY-MM-DD`, inclusive */
  fromDay: string;
  /** last UTC day, inclusive */
  toDay: string;
}

/**
 * The UTC days a report covers. Counters are kept per day, so a range covers every day it touches:
 * from's day through to's day, inclusive. Missing `to` is now; missing `from` is 6 days before
 * to's day. Throws a RangeError naming the problem when from is after to.
 */
export function qualityDayRange(from: Date | null | undefined, to: Date | null | undefined, now: Date): QualityDayRange {
  const end = to ?? now;
  const start = from ?? new Date(Date.parse(utcDay(end)) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  if (start.getTime() > end.getTime()) {
    throw new RangeError(`from (${start.toISOString()}) must not be after to (${end.toISOString()})`);
  }
  return { fromDay: utcDay(start), toDay: utcDay(end) };
}
