import { day, event } from '../triggers/test-support/feed';
import { planAggregates } from './plan';
import { createAggregates, recordEvent } from './record-event';
import { seriesKey } from './series-key';
import { countInRange, distinctValuesInRange, peopleInRange, sumInRange, windowDays } from './window-queries';

const DAY0 = Math.floor(day(0) / 86_400_000);

describe('recordEvent', () => {
  const plan = planAggregates([
    { event: 'Session Started', people: true, sums: ['minutes'], values: ['feature'], days: 7 },
    { event: 'Session Started', where: { property: 'event.properties.platform', operator: 'eq', value: 'mobile' }, days: 3 },
    { event: null, people: true, days: 2 },
  ]);
  const sessions = seriesKey('Session Started');
  const mobile = seriesKey('Session Started', { property: 'event.properties.platform', operator: 'eq', value: 'mobile' });
  const any = seriesKey(null);

  it('keeps per-day counts, people, sums and values for each series the event matches', () => {
    const aggregates = createAggregates();
    const recorded = recordEvent(aggregates, plan, event('Session Started', day(0), 'ann', { minutes: 30, platform: 'mobile', feature: 'ai' }));
    recordEvent(aggregates, plan, event('Session Started', day(0, 14), 'bob', { minutes: '15.5', platform: 'web', feature: 'ai' }));
    recordEvent(aggregates, plan, event('Session Started', day(1), 'ann', { minutes: 'n/a', feature: 'export' }));
    recordEvent(aggregates, plan, event('Pricing Viewed', day(1), 'cat'));
    expect(recorded).toEqual({ day: DAY0, person: '#ann', keys: [sessions, mobile, any], sums: [{ '#minutes': 30 }, null, null] });
    expect(aggregates.series[sessions]).toEqual({
      [DAY0]: { n: 2, p: { '#ann': 1, '#bob': 1 }, s: { '#minutes': 45.5 }, v: { '#feature': { '#ai': 2 } } },
      [DAY0 + 1]: { n: 1, p: { '#ann': 1 }, v: { '#feature': { '#export': 1 } } },
    });
    const { from, to } = windowDays(DAY0 + 1, 7);
    expect(countInRange(aggregates, mobile, from, to)).toBe(1);
    expect(countInRange(aggregates, any, from, to)).toBe(4);
    expect([...peopleInRange(aggregates, any, from, to).keys()].sort()).toEqual(['#ann', '#bob', '#cat']);
    expect(sumInRange(aggregates, sessions, 'minutes', from, to)).toBe(45.5);
    expect([...distinctValuesInRange(aggregates, sessions, 'feature', from, to)].sort()).toEqual(['ai', 'export']);
    // Leaving out the first event, as trigger evaluation does to see the state without it.
    expect(countInRange(aggregates, sessions, from, to, recorded)).toBe(2);
    expect(sumInRange(aggregates, sessions, 'minutes', from, to, recorded)).toBe(15.5);
    expect(peopleInRange(aggregates, sessions, DAY0, DAY0, recorded)).toEqual(new Map([['#bob', 1]]));
  });

  it('prunes days past the retention when the newest day moves, and refuses events that old', () => {
    const aggregates = createAggregates();
    recordEvent(aggregates, plan, event('Session Started', day(0), 'ann'));
    recordEvent(aggregates, plan, event('Session Started', day(6), 'ann'));
    expect(Object.keys(aggregates.series[sessions]!)).toEqual([String(DAY0), String(DAY0 + 6)]);
    recordEvent(aggregates, plan, event('Session Started', day(7), 'ann'));
    expect(Object.keys(aggregates.series[sessions]!)).toEqual([String(DAY0 + 6), String(DAY0 + 7)]);
    expect(recordEvent(aggregates, plan, event('Session Started', day(0), 'ann'))).toBeNull();
    // A late event still inside the retention counts.
    expect(recordEvent(aggregates, plan, event('Session Started', day(1), 'ann'))).not.toBeNull();
    expect(aggregates.newestDay).toBe(DAY0 + 7);
  });

  it('records nothing for events no series wants', () => {
    const onlyDemos = planAggregates([{ event: 'Demo Requested', days: 14 }]);
    const aggregates = createAggregates();
    expect(recordEvent(aggregates, onlyDemos, event('Pricing Viewed', day(0)))).toBeNull();
    expect(aggregates).toEqual(createAggregates());
  });

  it('is plain JSON, safe for hostile ids and names', () => {
    const hostile = planAggregates([{ event: '__proto__', people: true, sums: ['__proto__'], days: 7 }]);
    const aggregates = createAggregates();
    recordEvent(aggregates, hostile, event('__proto__', day(0), '__proto__', { ['__proto__']: 5 }));
    recordEvent(aggregates, hostile, event('__proto__', day(0), 'constructor', JSON.parse('{"__proto__": 7}') as Record<string, unknown>));
    const copy = JSON.parse(JSON.stringify(aggregates)) as typeof aggregates;
    const key = seriesKey('__proto__');
    expect(countInRange(copy, key, DAY0, DAY0)).toBe(2);
    expect([...peopleInRange(copy, key, DAY0, DAY0).keys()]).toEqual(['#__proto__', '#constructor']);
    expect(sumInRange(copy, key, '__proto__', DAY0, DAY0)).toBe(0);
    expect(Object.getPrototypeOf(copy.series[key]![String(DAY0)]!.p)).toBe(Object.prototype);
  });
});

describe('seriesKey', () => {
  it('is the same for equal filters written in another key order, and unambiguous', () => {
    expect(seriesKey('A', { property: 'x', operator: 'eq', value: 1 })).toBe(seriesKey('A', { value: 1, operator: 'eq', property: 'x' } as never));
    expect(seriesKey('A|B')).not.toBe(seriesKey('A', { property: 'B', operator: 'exists' }));
    expect(seriesKey(null)).not.toBe(seriesKey('null'));
  });
});
