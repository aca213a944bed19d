/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - Math.floor(at / 1000) * 1000;
}

/**
 * Epoch ms of the next midnight in `timeZone` after `now` (HubSpot's daily limit resets then).
 * Two passes over the zone offset so a DST change during the day lands on the right hour.
 */
export function nextMidnight(timeZone: string, now: number): number {
  const local = new Date(now + offsetMs(timeZone, now));
  const midnightWallClock = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  let instant = midnightWallClock - offsetMs(timeZone, now);
  instant = midnightWallClock - offsetMs(timeZone, instant);
  return instant;
}
