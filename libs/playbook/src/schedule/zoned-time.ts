/**
 * Wall-clock time in an IANA time zone, through Intl only (no time zone data of our own, so it is
 * pure and runs in Node, browsers and the workflow bundle). Offsets come from Intl for the instant
 * asked, so daylight-saving changes are always right.
 */

/** A local date and time, as a clock on the wall in the zone shows it. */
export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export class TimeZoneError extends Error {
  override name = 'TimeZoneError';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeZoneError(`"${timeZone}" is not a time zone: write an IANA name such as "Europe/Berlin"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time in `timeZone` at the instant `epochMs`. Throws TimeZoneError for an unknown zone. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The wall time read as if it were UTC, in ms: a number that orders wall times. */
function wallAsUtc(wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in ms (+1 h in Berlin in winter). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTimeAt(wholeSeconds, timeZone)) - wholeSeconds;
}

/** No zone is more than 14 h from UTC; offsets 18 h either side bracket every transition near a wall time. */
const BRACKET_MS = 18 * 3_600_000;

/**
 * The first instant at which the zone's clock shows `wall` or later. A wall time that happens twice
 * (clocks going back) gives the first; one skipped (clocks going forward) gives the instant the
 * clocks jump, the first at which the wall clock is past it.
 */
export function firstInstantAtOrAfter(wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>, timeZone: string): number {
  const target = wallAsUtc(wall);
  const candidates = [...new Set([offsetAt(target - BRACKET_MS, timeZone), offsetAt(target, timeZone), offsetAt(target + BRACKET_MS, timeZone)])].map(
    (offset) => target - offset,
  );
  const exact = candidates.filter((instant) => wallAsUtc(wallTimeAt(instant, timeZone)) === target);
  if (exact.length > 0) return Math.min(...exact);
  // A skipped wall time: search the instants between the candidates for the first past it (whole seconds).
  let low = Math.floor(Math.min(...candidates) / 1000);
  let high = Math.ceil(Math.max(...candidates) / 1000);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wallAsUtc(wallTimeAt(middle * 1000, timeZone)) >= target) high = middle;
    else low = middle + 1;
  }
  return low * 1000;
}
