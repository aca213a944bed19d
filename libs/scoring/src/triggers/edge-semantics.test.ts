import type { Trigger } from '@tripline/playbook';
import { createAggregates, recordEvent } from '../aggregates/record-event';
import type { ScoredEvent } from '../model/types';
import { SeededRandom } from '../synthetic/random';
import { evaluateTrigger } from './evaluate-trigger';
import { planForTriggers } from './needs';
import { day, event, FedSubject } from './test-support/feed';

/** Whether the trigger holds at `now` over exactly `events` (aggregates rebuilt from scratch, read as a tick). */
function holdsOver(trigger: Trigger, events: readonly ScoredEvent[], now: number, traits: Record<string, unknown>): boolean {
  const plan = planForTriggers([trigger]);
  const aggregates = createAggregates();
  for (const past of events) recordEvent(aggregates, plan, past);
  return evaluateTrigger(trigger, { now, aggregates, traits }).holds;
}

/** A random stream for a few people: sessions, feature use with amounts, over 40 days. */
function randomStream(seed: number): ScoredEvent[] {
  const random = new SeededRandom(seed);
  const events: ScoredEvent[] = [];
  for (let index = 0; index < 160; index += 1) {
    const name = random.pick(['Session Started', 'Session Started', 'Feature Used', 'Overage Charged']);
    const properties = name === 'Overage Charged' ? { amount: random.int(-50, 300) } : { advanced: random.chance(0.5) };
    events.push(event(name, day(Math.floor(index / 4), random.int(0, 23)), `p${random.int(1, 5)}`, properties));
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

const triggers: [string, Trigger][] = [
  ['eventCount', { kind: 'eventCount', event: 'Session Started', atLeast: 6, withinDays: 5 }],
  ['distinctUsers', { kind: 'distinctUsers', event: 'Feature Used', atLeast: 3, withinDays: 4 }],
  [
    'power users of another event',
    {
      kind: 'distinctUsers',
      event: 'Feature Used',
      where: { property: 'event.properties.advanced', operator: 'eq', value: true },
      atLeast: 2,
      withinDays: 10,
      perUser: { event: 'Session Started', atLeast: 3, withinDays: 3 },
    },
  ],
  ['power users of the same event', { kind: 'distinctUsers', event: 'Session Started', atLeast: 2, withinDays: 8, perUser: { atLeast: 3, withinDays: 4 } }],
  ['propertySum with refunds', { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 400, withinDays: 6 }],
  ['baselineRatio', { kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { value: 2 }, percent: 150, consecutiveDays: 2 }],
  ['growth', { kind: 'growth', metric: { kind: 'eventCount', event: 'Feature Used' }, percent: 10, period: 'week' }],
];

describe('window triggers fire exactly when the event turns the condition true', () => {
  it.each(triggers)('%s: fired = holds with the event and not without it (three random streams)', (_name, trigger) => {
    for (const seed of [1, 2, 3]) {
      const events = randomStream(seed);
      const subject = new FedSubject(trigger, { traits: {} });
      const quiet = new FedSubject(trigger, { traits: {} });
      let fires = 0;
      events.forEach((current, index) => {
        const expected = holdsOver(trigger, events.slice(0, index + 1), current.timestamp, {}) && !holdsOver(trigger, events.slice(0, index), current.timestamp, {});
        const outcome = subject.feed(current);
        expect({ seed, index, fired: outcome.fired }).toEqual({ seed, index, fired: expected });
        // Only `fired` asked for (as backtests do): the same answer.
        expect(quiet.feed(current, { explain: false, firedOnly: true }).fired).toBe(expected);
        if (expected) fires += 1;
      });
      expect(fires).toBeGreaterThan(0);
    }
  });
});
