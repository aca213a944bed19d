import type { Trigger } from '@tripline/playbook';
import type { ScoredEvent } from '../../model/types';
import { day, event, FedSubject } from '../test-support/feed';

/** `people` distinct people active on day `n` (one Session Started each, at hours spread over the day). */
const activeOn = (n: number, people: number, prefix = 'u'): ScoredEvent[] =>
  Array.from({ length: people }, (_, index) => event('Session Started', day(n, 0) + index * 1000, `${prefix}${index}`));

describe('baselineRatio: DAU ≥ 150 % of the plan baseline for 7 consecutive days', () => {
  const trigger: Trigger = { kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { trait: 'planDauBaseline' }, percent: 150, consecutiveDays: 7 };
  const traits = { planDauBaseline: 100 };

  it('fires on the event that makes the 7th day reach 151 % (151 people), not before', () => {
    const subject = new FedSubject(trigger, { traits });
    const sixDays = [0, 1, 2, 3, 4, 5].flatMap((n) => activeOn(n, 151));
    expect(subject.firedAt(sixDays)).toEqual([]);
    const seventh = activeOn(6, 151);
    // The 150th person of day 7 makes 150 = 150 % of 100: that event fires (0-based index 149).
    expect(subject.firedAt(seventh)).toEqual([149]);
  });

  it('does not fire for 6 days at 151 % and a 7th at 149 %', () => {
    const subject = new FedSubject(trigger, { traits });
    expect(subject.firedAt([...[0, 1, 2, 3, 4, 5].flatMap((n) => activeOn(n, 151)), ...activeOn(6, 149)])).toEqual([]);
  });

  it('needs the days to be consecutive: a quiet day in between starts over', () => {
    const subject = new FedSubject({ ...trigger, baseline: { value: 2 } });
    const days = [0, 1, 2, /* 3 quiet */ 4, 5, 6, 7, 8, 9].flatMap((n) => activeOn(n, 3));
    // With a baseline of 2, 3 people a day is 150 %: days 4..10 would be the first 7 in a row.
    expect(subject.firedAt(days)).toEqual([]);
    expect(subject.firedAt(activeOn(10, 3))).toEqual([2]);
  });

  it('counts people, not events, and says why', () => {
    const subject = new FedSubject({ ...trigger, consecutiveDays: 2 }, { traits: { planDauBaseline: 2 } });
    subject.firedAt(activeOn(0, 3));
    const repeat = [event('Session Started', day(1, 1), 'u0'), event('Session Started', day(1, 2), 'u0'), event('Session Started', day(1, 3), 'u0')];
    expect(subject.firedAt(repeat)).toEqual([]);
    expect(subject.feed(event('Session Started', day(1, 4), 'u1')).reason).toBe('active people per day 3, 2 vs 150% of 2 (3) on 2 days in a row');
    expect(subject.feed(event('Session Started', day(1, 5), 'u2'))).toMatchObject({ fired: true });
  });

  it('does not hold without a numeric baseline trait', () => {
    const subject = new FedSubject(trigger, { traits: { planDauBaseline: 'unknown' } });
    expect(subject.feed(event('Session Started', day(0)))).toEqual({ fired: false, holds: false, reason: 'no baseline: trait "planDauBaseline" is not a number above 0' });
  });
});

describe('growth: +20 % month over month (calendar months, UTC)', () => {
  const trigger: Trigger = { kind: 'growth', metric: { kind: 'eventCount', event: 'Report Created' }, percent: 20, period: 'month' };
  const MARCH = Date.UTC(2025, 2, 1);
  const APRIL = Date.UTC(2025, 3, 1);
  /** `count` reports from `start`, an hour apart. */
  const reports = (start: number, count: number): ScoredEvent[] => Array.from({ length: count }, (_, index) => event('Report Created', start + index * 3_600_000));

  it('fires on the 12th report of April after 10 in March, not on the 11th', () => {
    const subject = new FedSubject(trigger);
    expect(subject.firedAt(reports(MARCH + 20 * 86_400_000, 10))).toEqual([]);
    const april = reports(APRIL + 3 * 86_400_000, 12);
    expect(subject.firedAt(april)).toEqual([11]);
    expect(subject.feed(event('Report Created', APRIL + 5 * 86_400_000)).reason).toBe('"Report Created": 13 this month vs 10 last month, needs +20%');
  });

  it('compares with the whole previous month, whatever day of it the reports fell on', () => {
    const subject = new FedSubject(trigger);
    // 5 on March 1st and 5 on March 31st: still 10 in March.
    subject.firedAt([...reports(MARCH, 5), ...reports(APRIL - 5 * 3_600_000, 5)]);
    expect(subject.firedAt(reports(APRIL + 28 * 86_400_000, 12))).toEqual([11]);
  });

  it('never counts growth from nothing, and starts over each month', () => {
    const subject = new FedSubject(trigger);
    expect(subject.firedAt(reports(APRIL, 12))).toEqual([]);
    // May against April's 12: needs 15 (12 × 1.2 = 14.4).
    expect(subject.firedAt(reports(Date.UTC(2025, 4, 1), 15))).toEqual([14]);
  });
});
