import { planAggregates, recordEvent, seriesKey } from '@tripline/scoring';
import { fitToPlan } from './stored-aggregates';

const DAY = 86_400_000;
const event = (name: string, day: number, person = 'p1') => ({ messageId: `${name}-${day}-${person}`, event: name, timestamp: day * DAY + 1000, properties: { amount: 2 }, person: { id: person, traits: {} } });

describe('fitToPlan', () => {
  const invites = { event: 'Invite Sent', days: 14 };
  const sessions = { event: 'Session Started', people: true, days: 30 };

  it('keeps series the plan still reads as they were, and prunes days beyond the longest window', () => {
    const plan = planAggregates([invites, sessions]);
    const stored = fitToPlan(undefined, plan);
    for (const day of [100, 110, 125]) recordEvent(stored, plan, event('Session Started', day));
    recordEvent(stored, plan, event('Invite Sent', 125));
    const roundTripped = JSON.parse(JSON.stringify(stored));

    expect(fitToPlan(roundTripped, plan)).toEqual(stored);
    // Only invites are read now (14 days): sessions are dropped, days before 125 − 13 too.
    const narrower = fitToPlan(roundTripped, planAggregates([invites]));
    expect(Object.keys(narrower.series)).toEqual([seriesKey('Invite Sent')]);
    expect(narrower.series[seriesKey('Invite Sent')]).toEqual({ '125': { n: 1 } });
  });

  it('starts a series afresh when what it tracks changed', () => {
    const plan = planAggregates([invites]);
    const stored = fitToPlan(undefined, plan);
    recordEvent(stored, plan, event('Invite Sent', 50));
    const withSums = planAggregates([{ ...invites, sums: ['amount'] }]);
    const fitted = fitToPlan(JSON.parse(JSON.stringify(stored)), withSums);
    expect(fitted.series).toEqual({});
    expect(fitted.defs[seriesKey('Invite Sent')]).toBe('[false,["amount"],[]]');
    // With no triggers reading aggregates nothing is kept.
    expect(fitToPlan(stored, planAggregates([]))).toEqual({ v: 1, newestDay: null, series: {}, defs: {} });
  });
});
