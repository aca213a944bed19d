import type { Duration } from './dsl/types';

/** Milliseconds per duration unit: s(econds), m(inutes), h(ours), d(ays), w(eeks). */
const UNIT_MS = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type DurationUnit = keyof typeof UNIT_MS;

const UNIT_NAMES: Record<DurationUnit, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
};

/** Longest duration a playbook may use: two years (a durable timer can wait that long; longer is a typo). */
export const MAX_DURATION_MS = 730 * UNIT_MS.d;

const DURATION_PATTERN = /^(\d{1,9})(s|m|h|d|w)$/;

export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/** Parses "30s", "15m", "48h", "2d", "1w" to milliseconds; throws DurationError saying what is wrong. */
export function parseDuration(text: Duration): number {
  if (typeof text !== 'string') {
    throw new DurationError(`a duration must be a string like "2d", got ${typeof text}`);
  }
  const match = DURATION_PATTERN.exec(text);
  if (!match) {
    throw new DurationError(
      `"${text.slice(0, 40)}" is not a duration: write a whole number and a unit s, m, h, d or w (e.g. "30s", "15m", "48h", "2d", "1w")`,
    );
  }
  const amount = Number(match[1]);
  const unit = match[2] as DurationUnit;
  if (amount === 0) throw new DurationError(`"${text}" is not a duration: it must be longer than zero`);
  const ms = amount * UNIT_MS[unit];
  if (ms > MAX_DURATION_MS) {
    throw new DurationError(`"${text}" is too long: durations are at most 730 days (two years)`);
  }
  return ms;
}

/** Whether `text` is a duration parseDuration accepts. */
export function isDuration(text: unknown): text is Duration {
  try {
    parseDuration(text as Duration);
    return true;
  } catch {
    return false;
  }
}

/** "2d" → "2 days", "1w" → "1 week"; anything unparseable is returned as written. */
export function formatDuration(text: Duration): string {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return text;
  const amount = Number(match[1]);
  const [one, many] = UNIT_NAMES[match[2] as DurationUnit];
  return `${amount} ${amount === 1 ? one : many}`;
}
