import type { Trigger } from '@tripline/playbook';
import { day, event, FedSubject } from '../test-support/feed';

describe('eventCount', () => {
  const trigger: Trigger = { kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 };

  it('fires on the event that reaches the count inside the window, once', () => {
    const subject = new FedSubject(trigger);
    // Days 0 and 13 are 14 calendar days: the second request reaches 2 in 14 days.
    expect(subject.feed(event('Demo Requested', day(0))).fired).toBe(false);
    const second = subject.feed(event('Demo Requested', day(13)));
    expect(second).toEqual({ fired: true, holds: true, reason: '"Demo Requested" 2 in 14 days (was 1), needs 2' });
    // A third while it still holds does not fire again.
    expect(subject.feed(event('Demo Requested', day(13, 18)))).toMatchObject({ fired: false, holds: true });
  });

  it('does not count what fell out of the window (15 days apart is two windows)', () => {
    const subject = new FedSubject(trigger);
    expect(subject.firedAt([event('Demo Requested', day(0)), event('Demo Requested', day(14))])).toEqual([]);
  });

  it('ignores other events and events the filter refuses', () => {
    const filtered: Trigger = { ...trigger, where: { property: 'event.properties.source', operator: 'eq', value: 'web' } };
    const subject = new FedSubject(filtered);
    const fired = subject.firedAt([
      event('Demo Requested', day(0), 'p1', { source: 'web' }),
      event('Pricing Viewed', day(1)),
      event('Demo Requested', day(2), 'p1', { source: 'ads' }),
      event('Demo Requested', day(3), 'p1', { source: 'Web' }),
    ]);
    expect(fired).toEqual([3]);
  });

  it('needs what recordEvent returned when evaluated at an event', () => {
    const subject = new FedSubject(trigger);
    const { evaluateTrigger } = jest.requireActual('../evaluate-trigger') as typeof import('../evaluate-trigger');
    const next = event('Demo Requested', day(0));
    expect(() => evaluateTrigger(trigger, { now: next.timestamp, event: next, aggregates: subject.aggregates })).toThrow(
      'a eventCount trigger evaluated at an event needs input.recorded: what recordEvent() returned for it (null if nothing)',
    );
    expect(() => evaluateTrigger(trigger, { now: next.timestamp })).toThrow("a eventCount trigger needs the subject's aggregates (input.aggregates)");
  });
});

describe('distinctUsers', () => {
  it('counts different people, not events: 5 activations by 5 people in 14 days', () => {
    const subject = new FedSubject({ kind: 'distinctUsers', event: 'User Activated', atLeast: 5, withinDays: 14 });
    const events = [
      event('User Activated', day(0), 'u1'),
      event('User Activated', day(1), 'u1'),
      event('User Activated', day(2), 'u2'),
      event('User Activated', day(3), 'u3'),
      event('User Activated', day(4), 'u4'),
      event('User Activated', day(5), 'u4'),
      event('User Activated', day(13), 'u5'),
    ];
    expect(subject.firedAt(events)).toEqual([6]);
  });

  describe('power users: 3+ people with 10+ sessions within 7 days, inside 30 days', () => {
    const trigger: Trigger = { kind: 'distinctUsers', event: 'Session Started', atLeast: 3, withinDays: 30, perUser: { atLeast: 10, withinDays: 7 } };
    /** `count` sessions for `person`, two a day (9:00 and 15:00) from day `start`, in time order. */
    const sessions = (person: string, start: number, count: number) =>
      Array.from({ length: count }, (_, index) => event('Session Started', day(start + Math.floor(index / 2), index % 2 === 0 ? 9 : 15), person));

    it('fires on the session that makes the third power user', () => {
      const subject = new FedSubject(trigger);
      const events = [...sessions('a', 0, 10), ...sessions('b', 7, 10), ...sessions('c', 14, 10)];
      expect(subject.firedAt(events)).toEqual([29]);
      expect(subject.feed(event('Session Started', day(20), 'a')).reason).toBe(
        '3 power users (10+ "Session Started" in 7 days) did "Session Started" in 30 days, needs 3',
      );
    });

    it('does not fire with 2 power users and one at 9 sessions', () => {
      const subject = new FedSubject(trigger);
      expect(subject.firedAt([...sessions('a', 0, 10), ...sessions('b', 7, 10), ...sessions('c', 14, 9)])).toEqual([]);
    });

    it('does not count 10 sessions spread over more than 7 days', () => {
      const subject = new FedSubject(trigger);
      // 10 sessions one per day over days 0..9: at most 7 in any 7 days.
      const spread = Array.from({ length: 10 }, (_, index) => event('Session Started', day(index), 'c'));
      expect(subject.firedAt([...sessions('a', 0, 10), ...sessions('b', 7, 10), ...spread])).toEqual([]);
    });

    it('counts power users of a different event than the one they must have done', () => {
      const subject = new FedSubject({
        kind: 'distinctUsers',
        event: 'Feature Used',
        where: { property: 'event.properties.advanced', operator: 'eq', value: true },
        atLeast: 3,
        withinDays: 30,
        perUser: { event: 'Session Started', atLeast: 10, withinDays: 7 },
      });
      const events = [
        ...sessions('a', 0, 10),
        ...sessions('b', 0, 10),
        ...sessions('c', 0, 10),
        event('Feature Used', day(8), 'a', { advanced: true }),
        event('Feature Used', day(8), 'b', { advanced: true }),
        event('Feature Used', day(8), 'c', { advanced: false }),
        event('Feature Used', day(9), 'c', { advanced: true }),
      ];
      expect(subject.firedAt(events)).toEqual([33]);
    });
  });
});

describe('propertySum', () => {
  const trigger: Trigger = { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500.01, withinDays: 30 };

  it('fires when the month’s overage passes $500', () => {
    const subject = new FedSubject(trigger);
    const events = [
      event('Overage Charged', day(0), 'p1', { amount: 200 }),
      event('Overage Charged', day(10), 'p1', { amount: '300' }),
      event('Overage Charged', day(20), 'p1', { amount: 0.01 }),
    ];
    expect(subject.firedAt(events)).toEqual([2]);
  });

  it('does not fire at exactly $500 nor when the older charge left the window', () => {
    expect(new FedSubject(trigger).firedAt([event('Overage Charged', day(0), 'p1', { amount: 200 }), event('Overage Charged', day(10), 'p1', { amount: 300 })])).toEqual([]);
    expect(
      new FedSubject(trigger).firedAt([event('Overage Charged', day(0), 'p1', { amount: 200 }), event('Overage Charged', day(30), 'p1', { amount: 300.01 })]),
    ).toEqual([]);
  });

  it('lets a refund (negative amount) take it back below, and fire again when it passes again', () => {
    const subject = new FedSubject(trigger);
    const events = [
      event('Overage Charged', day(0), 'p1', { amount: 600 }),
      event('Overage Charged', day(1), 'p1', { amount: -200 }),
      event('Overage Charged', day(2), 'p1', { amount: 150 }),
    ];
    expect(subject.firedAt(events)).toEqual([0, 2]);
  });
});
