/**
 * Calendar days in a project's timezone. Mixpanel's export takes `from_date` / `to_date` as whole days
 * (inclusive) in UTC for projects created from 2023 on, in the project's timezone for older ones.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The day ("2026-01-31") that an instant falls on in `timeZone`. */
export function dayOf(instantMs: number, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    // en-CA formats dates as yyyy-mm-dd.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(new Date(instantMs));
}

/** `day` moved by `days` (negative goes back); plain calendar arithmetic, no timezone involved. */
export function addDays(day: string, days: number): string {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`'${day}' is not a yyyy-mm-dd day`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar day written yyyy-mm-dd (so "2026-02-30" is not one). */
export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  return addDays(text, 0) === text;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at an instant, in ms (e.g. -8 h for Los Angeles in winter). */
export function timeZoneOffsetMs(instantMs: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instantMs)).map((part) => [part.type, part.value]));
  const wallClock = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wallClock - (instantMs - (instantMs % 1000 + 1000) % 1000);
}

/**
 * The instant whose wall-clock time in `timeZone` reads as `wallClockMs` (a local time written as if it
 * were UTC). Mixpanel projects created before 2023 store event times this way. In the repeated hour
 * when clocks go back, the earlier instant is returned.
 */
export function wallClockToInstant(wallClockMs: number, timeZone: string): number {
  // The offsets in force a day either side cover both sides of any DST change near this time.
  const before = timeZoneOffsetMs(wallClockMs - DAY_MS, timeZone);
  const offsets = new Set([before, timeZoneOffsetMs(wallClockMs, timeZone), timeZoneOffsetMs(wallClockMs + DAY_MS, timeZone)]);
  const readingAsWallClock = [...offsets]
    .map((offset) => wallClockMs - offset)
    .filter((instant) => instant + timeZoneOffsetMs(instant, timeZone) === wallClockMs)
    .sort((a, b) => a - b);
  // A wall-clock time skipped when clocks go forward reads as the instant just after the gap.
  return readingAsWallClock[0] ?? wallClockMs - before;
}

const DAY_MS = 86_400_000;
