/**
 * The fast paths against the straightforward forms they replace, on random inputs: compiled filters
 * vs evaluateFilter over the full context, scoreAt over the flat term cache vs Object.values +
 * decayedPoints, the "before" skipped by mayScore() and the "after" read from it, tierOf without its
 * per-call sort, and backtests whose baseline shares the draft's score states. Scores must agree to
 * the bit (Object.is), not within a tolerance.
 */
import { evaluateFilter, type Filter } from '@tripline/playbook';
import fc from 'fast-check';
import { runBacktest } from '../backtest/run-backtest';
import { seedEventModel } from '../defaults/seed-event-model';
import type { EventScoringModel, ScoredEvent, Tier } from '../model/types';
import { eventFilterOf } from '../rules/event-filter';
import { evaluationContextOf } from '../rules/match-rules';
import { generateEvents } from '../synthetic/generate-events';
import { eventModelArbitrary, eventsArbitrary } from '../test-support/arbitraries';
import { tierOf } from '../tiers/tier-of';
import { DAY_MS } from '../time/calendar';
import { applyWithMove, applyEventWithChange, lastMove } from '../triggers/score-change';
import { applyEventInPlace, mayScore } from './apply-event';
import { decayedPoints, halfLifeFactor, inWindow } from './decay-math';
import { scoreAt } from './score-at';
import { cloneScoreState, createScoreState, type ScoreState } from './score-state';

/** scoreAt() as it was written before the term cache: the reference, operation for operation. */
function plainScoreAt(model: EventScoringModel, state: ScoreState | undefined, at: number): number {
  if (state === undefined || state.newest === null) return 0;
  const decay = model.decay;
  const time = state.newest > at ? state.newest : at;
  let score = 0;
  if (decay.kind === 'halfLife') score = state.sum * halfLifeFactor(decay, state.anchor, time);
  else if (decay.kind === 'none') score = state.sum;
  else for (const [timestamp, points] of state.window) if (inWindow(decay, timestamp, time)) score += points;
  for (const bucket of Object.values(state.buckets)) for (const entry of bucket.entries) score += decayedPoints(decay, entry.points, entry.timestamp, time);
  return score;
}

const same = (actual: number, expected: number, label: string): void => {
  if (!Object.is(actual, expected)) throw new Error(`${label}: ${actual} is not ${expected}`);
};

/** Arrival orders with repeats, as the arrival-order property test delivers them. */
const deliveries = (events: ScoredEvent[]) =>
  fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 8 }).chain((repeats) => {
    const delivered = [...events, ...repeats.map((index) => ({ ...events[index]! }))];
    return fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length });
  });

describe('scoring fast paths agree with the straightforward ones', () => {
  it('scoreAt, mayScore and applyEventWithChange: the same bits as the plain reading, event by event, in any arrival order', () => {
    fc.assert(
      fc.property(eventModelArbitrary, eventsArbitrary(60, 80).chain((events) => deliveries(events)), fc.integer({ min: 0, max: 90 }), (model, delivered, laterDays) => {
        let state: ScoreState | undefined;
        const quiet = createScoreState();
        for (const event of delivered) {
          const expectedBefore = plainScoreAt(model, state, event.timestamp);
          const may = mayScore(model, state, event);
          const { result, change } = applyEventWithChange(model, state, event);
          state = result.state;
          if (!may) expect(result.outcome).not.toBe('scored');
          expect(change === null).toBe(result.outcome !== 'scored');
          if (change !== null) {
            same(change.before, expectedBefore, 'before');
            same(change.after, plainScoreAt(model, state, event.timestamp), 'after');
          }
          // The backtest's variant: same state, same numbers, no records.
          const moved = applyWithMove(model, quiet, event);
          expect(moved).toBe(change !== null);
          if (change !== null) {
            same(lastMove.before, change.before, 'quiet before');
            same(lastMove.after, change.after, 'quiet after');
          }
        }
        const newest = state!.newest ?? 0;
        for (const at of [newest - DAY_MS, newest, newest + laterDays * DAY_MS + 777]) {
          same(scoreAt(model, state, at), plainScoreAt(model, state, at), 'scoreAt');
          same(scoreAt(model, quiet, at), plainScoreAt(model, state, at), 'quiet scoreAt');
          // A copy (no cache yet) reads the same.
          same(scoreAt(model, cloneScoreState(state!), at), plainScoreAt(model, state, at), 'clone');
        }
        expect(JSON.parse(JSON.stringify(quiet))).toEqual(JSON.parse(JSON.stringify(state)));
      }),
      { numRuns: 300 },
    );
  });

  it('applyEventInPlace still reports every outcome with its contribution', () => {
    fc.assert(
      fc.property(eventModelArbitrary, eventsArbitrary(40, 40).chain((events) => deliveries(events)), (model, delivered) => {
        let state: ScoreState | undefined;
        for (const event of delivered) {
          const result = applyEventInPlace(model, state, event);
          state = result.state;
          expect(result.contribution === null).toBe(result.outcome !== 'scored');
          if (result.contribution) {
            expect(result.contribution.points).toBe(result.contribution.rules.reduce((sum, rule) => sum + rule.points, 0));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  const PATHS = [
    'event.name',
    'event.messageId',
    'event.timestamp',
    'event.properties.plan',
    'event.properties.count',
    'event.properties.tags',
    'event.properties.items.0.sku',
    'event.properties',
    'event',
    'event.nothing',
    'person.id',
    'person.traits.role',
    'account.traits.seats',
    'account.traits.__proto__',
    'account',
    'event..plan',
    'crm.field',
    '',
  ];
  const scalar = fc.oneof(
    fc.constantFrom('pro', 'PRO', 'free', '', '10', '9.5', '2025-03-05', '2025-03-05T10:00:00Z', 'true', 'Feature Used', 'sku-1', 'm001'),
    fc.integer({ min: -5, max: 20 }),
    fc.double({ noNaN: true, min: -100, max: 100 }),
    fc.boolean(),
    fc.constant(null),
  );
  const rule = fc.record({
    property: fc.constantFrom(...PATHS),
    operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'notContains', 'startsWith', 'endsWith', 'in', 'notIn', 'exists', 'notExists', 'nope'),
    value: fc.option(fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { nil: undefined }),
  }) as fc.Arbitrary<Filter>;
  const filter: fc.Arbitrary<Filter> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rule, tie('group')),
    group: fc.oneof(
      fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all }) as Filter),
      fc.array(tie('node'), { maxLength: 3 }).map((any) => ({ any }) as Filter),
    ),
  })).node as fc.Arbitrary<Filter>;
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant(undefined), fc.constant([{ sku: 'sku-1' }]));
  const event = fc
    .record({
      name: fc.constantFrom('Feature Used', 'Demo Requested'),
      day: fc.integer({ min: 0, max: 10 }),
      properties: fc.record({ plan: value, count: value, tags: value, items: value }, { requiredKeys: [] }),
      person: fc.option(fc.record({ id: fc.constantFrom('p1', 'P1'), traits: fc.record({ role: value }, { requiredKeys: [] }) }), { nil: undefined }),
      account: fc.option(fc.record({ id: fc.constant('acme'), traits: fc.record({ seats: value }, { requiredKeys: [] }) }), { nil: undefined }),
    })
    .map(({ name, day, properties, person, account }): ScoredEvent => {
      const scored: ScoredEvent = { messageId: 'm001', event: name, timestamp: Date.UTC(2025, 2, 1 + day, 9), properties: properties as Record<string, unknown> };
      if (person) scored.person = person;
      if (account) scored.account = account;
      return scored;
    });

  it('compiled filters answer what evaluateFilter answers over the full context', () => {
    fc.assert(
      fc.property(filter, fc.array(event, { minLength: 1, maxLength: 6 }), (where, events) => {
        const compiled = eventFilterOf(where);
        // Twice: the second pass answers from the per-value memo.
        for (const pass of [1, 2]) {
          for (const scored of events) expect({ pass, answer: compiled(scored) }).toEqual({ pass, answer: evaluateFilter(where, evaluationContextOf(scored)) });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('tierOf reads tiers in order without sorting them each call, and sorts them when they are not', () => {
    const tier = fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D'), min: fc.oneof(fc.integer({ min: -10, max: 100 }), fc.constant(Infinity)), max: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.array(tier, { maxLength: 5 }), fc.double({ noNaN: true, min: -20, max: 120 }), (tiers: Tier[], score) => {
        let expected: Tier | null = null;
        for (const candidate of [...tiers].sort((a, b) => a.min - b.min)) if (score >= candidate.min) expected = candidate;
        expect(tierOf({ tiers }, score)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('a baseline that scores like the draft (a copy, shared states) reports what it reports backtested alone', () => {
    const start = Date.UTC(2025, 0, 1);
    const { events } = generateEvents({ accounts: 12, days: 20, seed: 3, start });
    const range = { from: start + 2 * DAY_MS, to: start + 20 * DAY_MS - 1 };
    const outcome = { kind: 'event', event: 'Order Completed' } as const;
    const draft = seedEventModel();
    const published = { ...seedEventModel(), id: 'published', tiers: [{ name: 'Any', min: 0, max: 1000 }] };
    for (const subject of ['person', 'account'] as const) {
      const draftTrigger = { kind: 'scoreThreshold', model: draft.id, threshold: 60, direction: 'up' } as const;
      const publishedTrigger = { kind: 'tierChange', model: 'published', to: 'Any' } as const;
      const both = runBacktest({ events, model: draft, trigger: draftTrigger, baseline: { model: published, trigger: publishedTrigger }, range, outcome, subject });
      const draftAlone = runBacktest({ events, model: draft, trigger: draftTrigger, range, outcome, subject });
      const publishedAlone = runBacktest({ events, model: published, trigger: publishedTrigger, range, outcome, subject });
      expect(both.fired).toEqual(draftAlone.fired);
      expect(both.scores).toEqual(draftAlone.scores);
      expect(both.fired.length).toBeGreaterThan(0);
      const { firesPerDay, tierDistribution, fired, truePositives, precision, recall, lift } = publishedAlone;
      expect(both.baseline).toEqual({ firesPerDay, tierDistribution, fired, truePositives, precision, recall, lift });
    }
  });
});
