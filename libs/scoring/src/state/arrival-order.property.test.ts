import fc from 'fast-check';
import type { EventScoringModel, ScoredEvent } from '../model/types';
import { eventModelArbitrary, eventsArbitrary } from '../test-support/arbitraries';
import { referenceScore } from '../test-support/reference-score';
import { DAY_MS } from '../time/calendar';
import { applyEvent, applyEventInPlace } from './apply-event';
import { LATE_EVENT_HORIZON_DAYS } from './horizon';
import type { ScoreState } from './score-state';
import { scoreAt } from './score-at';
import { topContributions } from './top-contributions';

function feed(model: EventScoringModel, events: readonly ScoredEvent[]): ScoreState | undefined {
  let state: ScoreState | undefined;
  for (const event of events) state = applyEventInPlace(model, state, event).state;
  return state;
}

/** Within 1e-9 of the larger of the values compared and the size of what was summed (sums of mixed signs cancel). */
function expectClose(actual: number, expected: number, magnitude = 0): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected), magnitude);
  if (Math.abs(actual - expected) > tolerance) throw new Error(`expected ${actual} to be within ${tolerance} of ${expected}`);
}

/** An arrival order: the events shuffled, some of them delivered twice (a retried batch). */
const arrivalArbitrary = (events: ScoredEvent[]) =>
  fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 10 }).chain((repeats) => {
    const delivered = [...events, ...repeats.map((index) => ({ ...events[index]! }))];
    return fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length });
  });

const SPAN_DAYS = LATE_EVENT_HORIZON_DAYS - 5;

describe('score state: the same events in any arrival order give the same score', () => {
  it('any permutation, with duplicates, gives the same scoreAt and top contributions as time order and as the reference', () => {
    fc.assert(
      fc.property(
        eventModelArbitrary,
        eventsArbitrary(SPAN_DAYS).chain((events) => fc.tuple(fc.constant(events), arrivalArbitrary(events), arrivalArbitrary(events))),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (model, [events, firstOrder, secondOrder], laterDays, n) => {
          const inTimeOrder = feed(model, [...events].sort((a, b) => a.timestamp - b.timestamp));
          const shuffled = feed(model, firstOrder);
          const reshuffled = feed(model, secondOrder);
          const newest = Math.max(...events.map((event) => event.timestamp));
          for (const at of [newest, newest + laterDays * DAY_MS + 1234]) {
            const reference = referenceScore(model, events, at);
            const expected = scoreAt(model, inTimeOrder, at);
            expectClose(expected, reference.score, reference.magnitude);
            expectClose(scoreAt(model, shuffled, at), expected, reference.magnitude);
            expectClose(scoreAt(model, reshuffled, at), expected, reference.magnitude);
            const top = topContributions(model, inTimeOrder, at, n);
            expect(topContributions(model, shuffled, at, n)).toEqual(top);
            expect(topContributions(model, reshuffled, at, n)).toEqual(top);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches the reference over long histories fed in time order (cap buckets folded, anchors moved)', () => {
    fc.assert(
      fc.property(eventModelArbitrary, eventsArbitrary(400, 120), (model, events) => {
        const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp || (a.messageId < b.messageId ? -1 : 1));
        const state = feed(model, sorted);
        const newest = sorted[sorted.length - 1]!.timestamp;
        const reference = referenceScore(model, events, newest + DAY_MS);
        expectClose(scoreAt(model, state, newest + DAY_MS), reference.score, reference.magnitude);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the state bounded: caps, ids and the window are pruned as time moves on', () => {
    const model: EventScoringModel = {
      schemaVersion: 1,
      id: 'bounded',
      version: 1,
      name: 'bounded',
      kind: 'events',
      rules: [
        { id: 'daily', event: 'Feature Used', points: 10, weight: 1.2, cap: { count: 1, per: 'day' } },
        { id: 'view', event: 'Pricing Page Viewed', points: 5, weight: 1 },
      ],
      decay: { kind: 'halfLife', days: 30 },
      rollup: 'sum',
      tiers: [{ name: 'Any', min: 0, max: 100 }],
    };
    let state: ScoreState | undefined;
    for (let index = 0; index < 2000; index += 1) {
      const timestamp = Date.UTC(2025, 0, 1) + index * 6 * 3_600_000; // four events a day for 500 days
      state = applyEventInPlace(model, state, {
        messageId: `e${index}`,
        event: index % 2 === 0 ? 'Feature Used' : 'Pricing Page Viewed',
        timestamp,
        properties: {},
        person: { id: 'p1', traits: {} },
      }).state;
    }
    // 500 days of events, but only the horizon (35 days, pruned every 35 / 8 days) is kept:
    // one daily bucket and two page-view ids per day of it; 20 recent contributions per rule
    const keptDays = LATE_EVENT_HORIZON_DAYS * (9 / 8) + 1;
    expect(Object.keys(state!.buckets).length).toBeLessThanOrEqual(keptDays);
    expect(Object.keys(state!.buckets).length).toBeGreaterThanOrEqual(LATE_EVENT_HORIZON_DAYS - 1);
    expect(Object.keys(state!.seen).length).toBeLessThanOrEqual(2 * keptDays);
    expect(Object.values(state!.recent).every((entries) => entries.length <= 20)).toBe(true);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('an account state fed every member\'s events scores the sum of the member scores (rollup "sum")', () => {
    fc.assert(
      fc.property(eventModelArbitrary, eventsArbitrary(SPAN_DAYS), (model, events) => {
        const accountState = feed(model, events);
        const newest = Math.max(...events.map((event) => event.timestamp));
        let memberSum = 0;
        let magnitude = 0;
        for (const personId of ['p1', 'p2', 'p3']) {
          const mine = events.filter((event) => event.person?.id === personId);
          memberSum += scoreAt(model, feed(model, mine), newest);
          magnitude += Math.abs(referenceScore(model, mine, newest).magnitude);
        }
        expectClose(scoreAt(model, accountState, newest), memberSum, magnitude);
      }),
      { numRuns: 200 },
    );
  });

  it('beyond the lateness horizon a half-life model still counts uncapped points but cannot check caps', () => {
    const model: EventScoringModel = {
      schemaVersion: 1,
      id: 'late',
      version: 1,
      name: 'late',
      kind: 'events',
      rules: [
        { id: 'daily', event: 'Feature Used', points: 10, weight: 1, cap: { count: 1, per: 'day' } },
        { id: 'trial', event: 'Trial Started', points: 64, weight: 1 },
      ],
      decay: { kind: 'halfLife', days: 10 },
      rollup: 'sum',
      tiers: [{ name: 'Any', min: 0, max: 100 }],
    };
    const now = Date.UTC(2025, 5, 1);
    const base = applyEventInPlace(model, undefined, { messageId: 'now', event: 'Feature Used', timestamp: now, properties: {} }).state;
    const old = now - 40 * DAY_MS;
    const trial = applyEvent(model, base, { messageId: 'old-trial', event: 'Trial Started', timestamp: old, properties: {} });
    // 40 days = 4 half-lives: 64 / 16 = 4, plus today's 10
    expect(trial.outcome).toBe('scored');
    expect(scoreAt(model, trial.state, now)).toBeCloseTo(14, 9);
    const capped = applyEvent(model, base, { messageId: 'old-use', event: 'Feature Used', timestamp: old, properties: {} });
    expect(capped).toMatchObject({ outcome: 'too_late', contribution: null });
  });
});
