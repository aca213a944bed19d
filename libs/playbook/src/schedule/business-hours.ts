import type { BusinessHours } from '../dsl/types';
import { firstInstantAtOrAfter, wallTimeAt, type WallTime } from './zoned-time';

export class BusinessHoursError extends Error {
  override name = 'BusinessHoursError';
}

/** What makes business hours unusable, or undefined. validate() reports the same as missing_config. */
export function businessHoursProblem(hours: Pick<BusinessHours, 'days' | 'startHour' | 'endHour'>): string | undefined {
  if (hours.days.length === 0) return 'business hours need at least one day';
  if (hours.days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) return 'business days are 0 (Sunday) to 6 (Saturday)';
  if (!Number.isInteger(hours.startHour) || hours.startHour < 0 || hours.startHour > 23) return 'business hours start at a whole hour from 0 to 23';
  if (!Number.isInteger(hours.endHour) || hours.endHour < 1 || hours.endHour > 24) return 'business hours end at a whole hour from 1 to 24';
  if (hours.endHour <= hours.startHour) return `business hours end (${hours.endHour}:00) must be after they start (${hours.startHour}:00)`;
  return undefined;
}

/** Whether the wall time falls on a business day, from startHour:00 up to (not including) endHour:00. */
export function isWithinBusinessHours(wall: WallTime, hours: Pick<BusinessHours, 'days' | 'startHour' | 'endHour'>): boolean {
  return hours.days.includes(wall.weekday) && wall.hour >= hours.startHour && wall.hour < hours.endHour;
}

/**
 * The first instant at or after `from` inside business hours in `timeZone` (IANA): `from` itself when
 * it is inside them, otherwise the next business day's start hour on the local clock. Daylight
 * saving is honoured: a start hour the clocks skip begins when they jump; one that happens twice
 * begins the first time. `hours.timeZone` is not read: the caller decides the zone.
 * Throws BusinessHoursError for unusable hours and TimeZoneError for an unknown zone.
 */
export function nextBusinessHoursStart(from: Date, hours: Pick<BusinessHours, 'days' | 'startHour' | 'endHour'>, timeZone: string): Date {
  const problem = businessHoursProblem(hours);
  if (problem) throw new BusinessHoursError(problem);
  const at = from.getTime();
  if (!Number.isFinite(at)) throw new BusinessHoursError('the time to start from is not a valid date');
  const now = wallTimeAt(at, timeZone);
  if (isWithinBusinessHours(now, hours)) return new Date(at);
  // Today (if the start hour is still ahead), then each following local calendar day; 8 covers a week.
  for (let days = 0; days <= 7; days++) {
    const date = new Date(Date.UTC(now.year, now.month - 1, now.day + days));
    if (!hours.days.includes(date.getUTCDay())) continue;
    if (days === 0 && now.hour >= hours.startHour) continue;
    const start = firstInstantAtOrAfter(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: hours.startHour, minute: 0, second: 0 },
      timeZone,
    );
    // A repeated hour (clocks going back) can put the start before `from`: then `from` is the answer
    // only if it is inside business hours, which it is not, so look at later days.
    if (start > at) return new Date(start);
  }
  // Unreachable with at least one valid day; kept so a mistake shows instead of looping.
  throw new BusinessHoursError('no business hours within a week');
}
