import { wallClockToInstant } from '../time/project-days';

// Seconds since 1970 stay below this until the year 5138; milliseconds pass it in 1973.
const MILLISECONDS_FROM = 1e11;

/**
 * The instant (epoch ms) of an exported event's `time`: seconds by default, milliseconds when the
 * export was asked for `time_in_ms` (or a client sent ms); fractional seconds are kept to the ms.
 * Projects created before 2023 store local wall-clock time in the project timezone: `timeZone` reads
 * it back. Undefined when `time` is missing or not a number.
 */
export function eventInstant(time: unknown, timeZone: string): number | undefined {
  const value = typeof time === 'string' && time.trim() !== '' ? Number(time) : time;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const ms = Math.round(value >= MILLISECONDS_FROM ? value : value * 1000);
  return timeZone === 'UTC' ? ms : wallClockToInstant(ms, timeZone);
}
