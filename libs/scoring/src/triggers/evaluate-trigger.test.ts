import { TRIGGER_TAXONOMY, type Trigger } from '@tripline/playbook';
import { DAY_MS } from '../time/calendar';
import { evaluateTrigger } from './evaluate-trigger';
import { day, event, FedSubject } from './test-support/feed';

const taxonomy = (id: string): Trigger => TRIGGER_TAXONOMY.find((row) => row.id === id)!.trigger;

describe('all', () => {
  it('multi-user growth: fires when the last of 2+ admin invites and 5+ activations in 14 days is met', () => {
    const subject = new FedSubject(taxonomy('multi-user-growth'));
    const invite = (n: number, role: string) => event('User Invited', day(n), 'admin1', { inviterRole: role });
    const activation = (n: number, person: string) => event('User Activated', day(n), person);
    const events = [
      invite(0, 'admin'),
      activation(1, 'u1'),
      activation(2, 'u2'),
      activation(3, 'u3'),
      activation(4, 'u4'),
      activation(5, 'u5'), // 5 activations, 1 admin invite: not yet
      invite(6, 'member'), // not an admin invite
      invite(7, 'admin'), // the second admin invite completes it
      activation(8, 'u6'),
    ];
    expect(subject.firedAt(events)).toEqual([7]);
  });

  it('does not fire when the two halves are never true inside the same 14 days', () => {
    const subject = new FedSubject(taxonomy('multi-user-growth'));
    const events = [
      event('User Invited', day(0), 'a', { inviterRole: 'admin' }),
      event('User Invited', day(1), 'a', { inviterRole: 'admin' }),
      ...[1, 2, 3, 4, 5].map((n) => event('User Activated', day(14 + n), `u${n}`)),
    ];
    expect(subject.firedAt(events)).toEqual([]);
  });

  it('combines an aggregate with a score threshold: fires when the score crosses while usage holds', () => {
    const trigger: Trigger = {
      kind: 'all',
      triggers: [
        { kind: 'eventCount', event: 'Session Started', atLeast: 2, withinDays: 7 },
        { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' },
      ],
    };
    const scored = new FedSubject(trigger, { scores: { pql: { score: 80, tier: 'High' } } });
    // Score already above 71 (holds), sessions reach 2: fires on the session.
    expect(scored.firedAt([event('Session Started', day(0)), event('Session Started', day(1))])).toEqual([1]);
    const below = new FedSubject(trigger, { scores: { pql: { score: 50, tier: 'Medium' } } });
    expect(below.firedAt([event('Session Started', day(0)), event('Session Started', day(1))])).toEqual([]);
    // Then the score crosses at an event that counts nothing: fires on the crossing.
    const crossing = event('Pricing Viewed', day(2));
    const result = evaluateTrigger(trigger, {
      now: crossing.timestamp,
      event: crossing,
      recorded: null,
      aggregates: below.aggregates,
      scoreChange: { model: 'pql', before: 65, after: 75, tierBefore: 'Medium', tierAfter: 'High' },
    });
    expect(result).toEqual({
      fired: true,
      holds: true,
      reason: 'all of: "Session Started" 2 in 7 days, needs 2; score 65 → 75: crossed 71 up (model pql)',
    });
  });

  it('an empty group never holds', () => {
    expect(evaluateTrigger({ kind: 'all', triggers: [] }, { now: 0 })).toMatchObject({ fired: false, holds: false });
  });
});

describe('any', () => {
  it('billing anomaly: overage past $500 in a month, or a failed payment', () => {
    const subject = new FedSubject(taxonomy('billing-anomaly'));
    const events = [
      event('Overage Charged', day(0), 'p', { amount: 300 }),
      event('Payment Failed', day(1)),
      event('Overage Charged', day(2), 'p', { amount: 250 }),
      event('Overage Charged', day(3), 'p', { amount: 10 }),
      event('Payment Failed', day(4)),
    ];
    expect(subject.firedAt(events)).toEqual([1, 2, 4]);
  });

  it('reports the child that fired', () => {
    const subject = new FedSubject(taxonomy('billing-anomaly'));
    expect(subject.feed(event('Payment Failed', day(0))).reason).toBe('any of: "Payment Failed" happened');
  });
});

describe('ticks and events', () => {
  it('window triggers never fire on a tick, tick triggers never at an event', () => {
    const subject = new FedSubject({ kind: 'eventCount', event: 'X', atLeast: 1, withinDays: 7 });
    subject.feed(event('X', day(0)));
    expect(evaluateTrigger({ kind: 'eventCount', event: 'X', atLeast: 1, withinDays: 7 }, { now: day(1), aggregates: subject.aggregates })).toMatchObject({
      fired: false,
      holds: true,
    });
    const inactive: Trigger = { kind: 'inactivity', days: 1 };
    expect(evaluateTrigger(inactive, { now: day(5), lastActivityAt: day(0), event: event('X', day(5)) })).toMatchObject({ fired: false, holds: true });
    expect(evaluateTrigger(inactive, { now: day(0) + DAY_MS, lastActivityAt: day(0), previousTick: day(0) })).toMatchObject({ fired: true });
  });

  it('refuses input without a time', () => {
    expect(() => evaluateTrigger({ kind: 'event', event: 'X' }, {} as never)).toThrow('trigger input needs "now" (epoch milliseconds)');
  });
});
