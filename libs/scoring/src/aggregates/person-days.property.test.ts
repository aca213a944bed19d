import type { Trigger } from '@tripline/playbook';
import fc from 'fast-check';
import type { ScoredEvent } from '../model/types';
import { evaluateTrigger } from '../triggers/evaluate-trigger';
import { planForTriggers } from '../triggers/needs';
import { T0 } from '../triggers/test-support/feed';
import { DAY_MS } from '../time/calendar';
import { indexPeopleByDay, personDayIndexOf } from './person-days';
import { createAggregates, recordEvent } from './record-event';
import type { SubjectAggregates } from './types';

/**
 * Backtests keep a person-day index beside each subject's aggregates (indexPeopleByDay); live
 * ingest does not. Both must answer every trigger the same, and the index must hold exactly the
 * buckets' per-person counts, pruning included.
 */
const triggers: Trigger[] = [
  { kind: 'distinctUsers', event: 'Session Started', atLeast: 2, withinDays: 10, perUser: { atLeast: 3, withinDays: 3 } },
  { kind: 'distinctUsers', event: 'Report Created', atLeast: 2, withinDays: 7, perUser: { event: 'Session Started', atLeast: 2, withinDays: 2 } },
  { kind: 'distinctUsers', event: 'Session Started', where: { property: 'event.properties.platform', operator: 'eq', value: 'web' }, atLeast: 2, withinDays: 5 },
];

const eventsArbitrary = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 30 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      person: fc.constantFrom('ann', 'bob', 'cat', '__proto__'),
      name: fc.constantFrom('Session Started', 'Report Created', 'Other'),
      platform: fc.constantFrom('web', 'mobile'),
    }),
    { minLength: 1, maxLength: 120 },
  )
  .map((drafts) =>
    drafts
      .map((draft, index): ScoredEvent => ({
        messageId: `m${index}`,
        event: draft.name,
        timestamp: T0 + draft.day * DAY_MS + draft.minute * 60_000,
        properties: { platform: draft.platform },
        person: { id: draft.person, traits: {} },
      }))
      // Mostly in time order, as backtests feed them; a few late ones as ingest may.
      .sort((a, b) => a.timestamp - b.timestamp),
  );

/** The buckets' per-person counts in the index's shape: series → person → day → events. */
function countsFromBuckets(aggregates: SubjectAggregates): Record<string, Record<string, Record<number, number>>> {
  const result: Record<string, Record<string, Record<number, number>>> = {};
  for (const [key, days] of Object.entries(aggregates.series)) {
    for (const [day, bucket] of Object.entries(days)) {
      for (const [person, count] of Object.entries(bucket.p ?? {})) ((result[key] ??= {})[person] ??= {})[Number(day)] = count;
    }
  }
  return result;
}

function countsFromIndex(aggregates: SubjectAggregates): Record<string, Record<string, Record<number, number>>> {
  const result: Record<string, Record<string, Record<number, number>>> = {};
  for (const [key, people] of personDayIndexOf(aggregates)!) {
    for (const [person, days] of people) for (const [day, count] of days) ((result[key] ??= {})[person] ??= {})[day] = count;
  }
  return result;
}

describe('person-day index', () => {
  it('answers every distinctUsers trigger as the day buckets do, at events and at ticks', () => {
    fc.assert(
      fc.property(eventsArbitrary, fc.boolean(), (events, lateOne) => {
        const ordered = lateOne && events.length > 2 ? [...events.slice(0, -2), events[events.length - 1]!, events[events.length - 2]!] : events;
        const plan = planForTriggers(triggers);
        const plain = createAggregates();
        const indexed = indexPeopleByDay(createAggregates());
        for (const next of ordered) {
          const recordedPlain = recordEvent(plain, plan, next);
          const recordedIndexed = recordEvent(indexed, plan, next);
          expect(recordedIndexed).toEqual(recordedPlain);
          for (const trigger of triggers) {
            for (const options of [{ explain: true }, { explain: false, firedOnly: true }]) {
              const expected = evaluateTrigger(trigger, { now: next.timestamp, event: next, recorded: recordedPlain, aggregates: plain }, options);
              const actual = evaluateTrigger(trigger, { now: next.timestamp, event: next, recorded: recordedIndexed, aggregates: indexed }, options);
              expect(actual).toEqual(expected);
            }
            const tick = next.timestamp + DAY_MS;
            expect(evaluateTrigger(trigger, { now: tick, aggregates: indexed })).toEqual(evaluateTrigger(trigger, { now: tick, aggregates: plain }));
          }
        }
        expect(indexed).toEqual(plain);
        expect(countsFromIndex(indexed)).toEqual(countsFromBuckets(plain));
      }),
      { numRuns: 200 },
    );
  });

  it('starts only on empty aggregates, and leaves the JSON state as it was', () => {
    const plan = planForTriggers(triggers);
    const aggregates = indexPeopleByDay(createAggregates());
    recordEvent(aggregates, plan, { messageId: 'm1', event: 'Session Started', timestamp: T0, properties: {}, person: { id: 'ann', traits: {} } });
    expect(() => indexPeopleByDay(aggregates)).toThrow('before the first event');
    expect(JSON.parse(JSON.stringify(aggregates))).toEqual(aggregates);
    expect(personDayIndexOf(JSON.parse(JSON.stringify(aggregates)) as SubjectAggregates)).toBeUndefined();
  });
});
