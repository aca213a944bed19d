import { DurationError, formatDuration, isDuration, MAX_DURATION_MS, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['48h', 172_800_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['730d', MAX_DURATION_MS],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '2', 'd', '2 d', '2D', '1.5h', '-1d', '2y', '2dd', ' 2d', '1e3s'])('refuses %j with a message showing the format', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/write a whole number and a unit s, m, h, d or w/);
  });

  it('refuses zero and anything beyond two years', () => {
    expect(() => parseDuration('0s')).toThrow('"0s" is not a duration: it must be longer than zero');
    expect(() => parseDuration('731d')).toThrow('"731d" is too long: durations are at most 730 days (two years)');
    expect(() => parseDuration('105w')).toThrow(/too long/);
  });

  it('refuses a non-string', () => {
    expect(() => parseDuration(42 as unknown as string)).toThrow('a duration must be a string like "2d", got number');
  });

  it('isDuration mirrors parseDuration', () => {
    expect(isDuration('2d')).toBe(true);
    expect(isDuration('2 days')).toBe(false);
    expect(isDuration(undefined)).toBe(false);
  });

  it('formats durations for people', () => {
    expect(formatDuration('2d')).toBe('2 days');
    expect(formatDuration('1w')).toBe('1 week');
    expect(formatDuration('30s')).toBe('30 seconds');
    expect(formatDuration('1m')).toBe('1 minute');
    expect(formatDuration('48h')).toBe('48 hours');
    expect(formatDuration('soon')).toBe('soon');
  });
});
