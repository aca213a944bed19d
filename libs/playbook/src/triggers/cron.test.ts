import { compileCron, cronProblem } from './cron';

describe('cron', () => {
  it('accepts five-field expressions and nicknames, in a time zone', () => {
    expect(cronProblem('0 9 * * 1-5', 'Europe/Berlin')).toBeUndefined();
    expect(cronProblem('@daily')).toBeUndefined();
    expect(compileCron('0 9 * * 1', 'Europe/Berlin').nextRun(new Date('2025-03-28T00:00:00Z'))?.toISOString()).toBe('2025-03-31T07:00:00.000Z');
  });

  it('says what is wrong', () => {
    expect(cronProblem('')).toBe('write a cron expression, e.g. "0 9 * * 1" (Mondays at 9:00)');
    expect(cronProblem('0 0 9 * * 1')).toBe('"0 0 9 * * 1" has 6 fields; write 5: minute hour day-of-month month day-of-week');
    expect(cronProblem('@fortnightly')).toMatch(/^"@fortnightly" is not a cron expression: /);
    expect(cronProblem('61 * * * *')).toMatch(/^"61 \* \* \* \*" is not a cron expression: /);
    expect(cronProblem('? * * * *')).toBe('"? * * * *": "?" is not supported; write "*" or a value');
    expect(cronProblem('0 9 * * 1', 'Mars/Olympus')).toBe('"Mars/Olympus" is not a time zone: write an IANA name such as "Europe/Berlin"');
    expect(cronProblem('0 0 31 2 *')).toBe('"0 0 31 2 *" never runs (no such date)');
  });
});
