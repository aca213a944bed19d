import type { Trigger } from '@tripline/playbook';
import { defaultTiers } from '../defaults/tiers';
import type { EventScoringModel, ScoredEvent } from '../model/types';
import { applyEventInPlace } from '../state/apply-event';
import { scoreAt } from '../state/score-at';
import type { ScoreState } from '../state/score-state';
import { DAY_MS } from '../time/calendar';
import { runBacktest } from './run-backtest';

const MARCH = (day: number, hour = 12): number => Date.UTC(2025, 2, day, hour);
const range = { from: MARCH(1, 0), to: MARCH(10, 0) + DAY_MS - 1 };

const model: EventScoringModel = {
  schemaVersion: 1,
  id: 'draft',
  version: 2,
  name: 'Draft',
  kind: 'events',
  rules: [
    { id: 'demo', event: 'Demo Requested', points: 50, weight: 1 },
    { id: 'pricing', event: 'Pricing Page Viewed', points: 10, weight: 1 },
  ],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers: defaultTiers(),
};
const crossing = (threshold: number, id = 'draft'): Trigger => ({ kind: 'scoreThreshold', model: id, threshold, direction: 'up' });

let counter = 0;
const track = (person: string, event: string, timestamp: number, account = `acct-${person}`): ScoredEvent => ({
  messageId: `m${(counter += 1)}`,
  event,
  timestamp,
  properties: {},
  person: { id: person, traits: {} },
  account: { id: account, traits: {} },
});

/**
 * p1 reaches 60 on day 2 and orders on day 5 (true positive); p2 reaches 60 on day 4, never orders
 * (false positive); p3 orders without firing (missed); p4 stays at 50; p5 orders on day 2 and only
 * then reaches 60 (fired after converting: not a prediction).
 */
const history: ScoredEvent[] = [
  track('p1', 'Pricing Page Viewed', MARCH(1)),
  track('p1', 'Demo Requested', MARCH(2)),
  track('p1', 'Order Completed', MARCH(5)),
  track('p2', 'Demo Requested', MARCH(3)),
  track('p2', 'Pricing Page Viewed', MARCH(4)),
  track('p3', 'Pricing Page Viewed', MARCH(1)),
  track('p3', 'Order Completed', MARCH(6)),
  track('p4', 'Demo Requested', MARCH(1)),
  track('p5', 'Order Completed', MARCH(2)),
  track('p5', 'Demo Requested', MARCH(3)),
  track('p5', 'Pricing Page Viewed', MARCH(3, 13)),
].reverse(); // any order: the backtest sorts

describe('runBacktest on a hand-made history', () => {
  const result = runBacktest({
    events: history,
    model,
    trigger: crossing(60),
    baseline: { model: { ...model, id: 'published', version: 1 }, trigger: crossing(50, 'published') },
    range,
    outcome: { kind: 'event', event: 'Order Completed' },
    subject: 'person',
  });

  it('counts fires per day, a subject once', () => {
    expect(result.firesPerDay.filter((day) => day.count > 0)).toEqual([
      { day: '2025-03-02', count: 1 },
      { day: '2025-03-03', count: 1 },
      { day: '2025-03-04', count: 1 },
    ]);
    expect(result.firesPerDay).toHaveLength(10);
    expect(result.fired).toEqual(['p1', 'p2', 'p5']);
  });

  it('computes precision, recall and lift by hand', () => {
    // Population 5; converted p1, p3, p5 (base rate 3/5); fired p1, p2, p5; predicted only p1.
    expect(result).toMatchObject({ population: 5, converted: 3, baseRate: 0.6, truePositives: 1, eventsProcessed: 11 });
    expect(result.precision).toBeCloseTo(1 / 3, 12);
    expect(result.recall).toBeCloseTo(1 / 3, 12);
    expect(result.lift).toBeCloseTo(1 / 3 / 0.6, 12);
  });

  it('reports tiers at the end of the range and the scores live ingest would hold', () => {
    expect(result.tierDistribution).toEqual([
      { tier: 'Low', count: 1 },
      { tier: 'Medium', count: 4 },
      { tier: 'High', count: 0 },
    ]);
    expect(result.scores).toEqual({ p1: 60, p2: 60, p3: 10, p4: 50, p5: 60 });
  });

  it('compares with the published version', () => {
    // At 50, p4 fires too (day 1), and p5 fires on its demo (50) instead of its pricing view.
    expect(result.baseline?.fired).toEqual(['p1', 'p2', 'p4', 'p5']);
    expect(result.newlyFiring).toEqual([]);
    expect(result.noLongerFiring).toEqual(['p4']);
    expect(result.baseline?.precision).toBeCloseTo(1 / 4, 12);
    expect(result.warnings).toEqual([]);
  });
});

describe('runBacktest semantics', () => {
  it('warms up on events before the range without counting their fires; later events only show outcomes', () => {
    const events = [
      track('w', 'Demo Requested', MARCH(1) - 3 * DAY_MS),
      track('w', 'Pricing Page Viewed', MARCH(2)),
      track('v', 'Demo Requested', MARCH(1) - DAY_MS),
      track('v', 'Pricing Page Viewed', MARCH(12)),
      track('v', 'Order Completed', MARCH(20)),
    ];
    const result = runBacktest({ events, model, trigger: crossing(50), range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'person' });
    // w crossed 50 before the range: not a fire. v was not active in the range: not in the population.
    expect(result).toMatchObject({ fired: [], population: 1, converted: 0, eventsProcessed: 3, scores: { w: 60 } });
    const sixty = runBacktest({ events, model, trigger: crossing(60), range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'person' });
    expect(sixty.fired).toEqual(['w']);
  });

  it('scores accounts with their members and reads a trait outcome', () => {
    const events = [
      track('a1-x', 'Demo Requested', MARCH(2), 'a1'),
      track('a1-y', 'Pricing Page Viewed', MARCH(3), 'a1'),
      track('a2-x', 'Demo Requested', MARCH(2), 'a2'),
      track('a3-x', 'Pricing Page Viewed', MARCH(2), 'a3'),
    ];
    const result = runBacktest({
      events,
      model,
      trigger: crossing(60),
      range,
      outcome: { kind: 'trait', trait: 'closedWon', equals: true },
      subject: 'account',
      subjectTraits: { a1: { closedWon: true }, a3: { closedWon: 'true' } },
    });
    expect(result).toMatchObject({ fired: ['a1'], population: 3, converted: 2, truePositives: 1, precision: 1, recall: 0.5, scores: { a1: 60, a2: 50, a3: 10 } });
    expect(result.lift).toBeCloseTo(1.5, 12);
  });

  it('rolls member scores up with max', () => {
    const events = [track('x', 'Demo Requested', MARCH(2), 'a'), track('y', 'Demo Requested', MARCH(3), 'a'), track('y', 'Pricing Page Viewed', MARCH(4), 'a')];
    const result = runBacktest({ events, model: { ...model, rollup: 'max' }, trigger: crossing(60), range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'account' });
    expect(result.scores).toEqual({ a: 60 });
    expect(result.firesPerDay.find((day) => day.count > 0)).toEqual({ day: '2025-03-04', count: 1 });
  });

  it('evaluates window triggers with aggregates and tick triggers at the end of each day', () => {
    const events = [
      track('p', 'Demo Requested', MARCH(1)),
      track('p', 'Demo Requested', MARCH(2)),
      track('q', 'Demo Requested', MARCH(2)),
      track('q', 'Pricing Page Viewed', MARCH(6)),
    ];
    const count = runBacktest({
      events,
      model,
      trigger: { kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 },
      range,
      outcome: { kind: 'event', event: 'Order Completed' },
      subject: 'person',
    });
    expect(count.fired).toEqual(['p']);
    const idle = runBacktest({ events, model, trigger: { kind: 'inactivity', days: 5 }, range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'person' });
    // p is last seen on the 2nd at noon: due on the 7th at noon, fired by the tick ending the 7th.
    // q is last seen on the 6th: due on the 11th, after the range.
    expect(idle.fired).toEqual(['p']);
    expect(idle.firesPerDay.find((day) => day.count > 0)).toEqual({ day: '2025-03-07', count: 1 });
  });

  it('finds score crossings that decay alone causes, on ticks', () => {
    const decaying: EventScoringModel = { ...model, decay: { kind: 'window', days: 3 } };
    const events = [track('p', 'Demo Requested', MARCH(1)), track('p', 'Pricing Page Viewed', MARCH(2))];
    const result = runBacktest({
      events,
      model: decaying,
      trigger: { kind: 'scoreThreshold', model: 'draft', threshold: 41, direction: 'down' },
      range,
      outcome: { kind: 'event', event: 'Order Completed' },
      subject: 'person',
    });
    // 60 until the demo leaves the 3-day window on the 4th at noon: 10, below 41.
    expect(result.firesPerDay.find((day) => day.count > 0)).toEqual({ day: '2025-03-04', count: 1 });
  });

  it('gives the scores of applying the same events one by one, as ingest does, in any order', () => {
    const decaying: EventScoringModel = { ...model, decay: { kind: 'halfLife', days: 7 } };
    const result = runBacktest({ events: history, model: decaying, trigger: crossing(60), range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'person' });
    const states = new Map<string, ScoreState>();
    for (const event of [...history].reverse()) {
      const person = event.person!.id;
      states.set(person, applyEventInPlace(decaying, states.get(person), event).state);
    }
    for (const [person, state] of states) expect(result.scores[person]).toBeCloseTo(scoreAt(decaying, state, range.to), 9);
  });

  it('refuses a bad trigger, model or range with the reason, and warns about what cannot fire', () => {
    const base = { events: [], model, range, outcome: { kind: 'event', event: 'X' } as const, subject: 'person' as const };
    expect(() => runBacktest({ ...base, trigger: { kind: 'eventCount', event: 'X', atLeast: 0, withinDays: 7 } })).toThrow(
      'cannot backtest: trigger.atLeast: atLeast must be at least 1',
    );
    expect(() => runBacktest({ ...base, trigger: crossing(1), model: { ...model, rules: [{ id: 'x', event: 'X', points: 1, weight: 1 }, { id: 'x', event: 'Y', points: 1, weight: 1 }] } })).toThrow(
      /^cannot backtest the draft model "draft": /,
    );
    expect(() => runBacktest({ ...base, trigger: crossing(1), range: { from: 2, to: 1 } })).toThrow('cannot backtest: range needs from ≤ to, both epoch milliseconds');
    const warned = runBacktest({ ...base, trigger: { kind: 'any', triggers: [crossing(1, 'pql'), { kind: 'crmChange', object: 'deal', field: 'stage' }] } });
    expect(warned.warnings).toEqual([
      'draft: the trigger reads model "pql" but the backtest scores "draft", so that part never fires',
      'draft: CRM changes are not part of the event history, so crmChange never fires in a backtest',
    ]);
  });
});
