import { seedEventModel } from '../defaults/seed-event-model';
import type { EventScoringModel, ScoredEvent } from '../model/types';
import { at, HOUR_MS, trackEvent } from '../test-support/events';
import { tierOf } from '../tiers/tier-of';
import { DAY_MS } from '../time/calendar';
import { applyEvent, applyEventInPlace } from './apply-event';
import type { ScoreState } from './score-state';
import { roundScore, scoreAt } from './score-at';
import { topContributions } from './top-contributions';

function feed(model: EventScoringModel, events: ScoredEvent[]): ScoreState | undefined {
  let state: ScoreState | undefined;
  for (const event of events) state = applyEventInPlace(model, state, event).state;
  return state;
}

const core = { core: true };

describe('the scoring table of the domain material (000_*.txt)', () => {
  const noDecay: EventScoringModel = { ...seedEventModel(), decay: { kind: 'none' } };

  it('scores a person who views pricing twice, starts a trial, uses a core feature on 3 days and requests a demo', () => {
    const events = [
      trackEvent('Pricing Page Viewed', at(0, 9)),
      trackEvent('Pricing Page Viewed', at(0, 10)),
      trackEvent('Trial Started', at(0, 11)),
      trackEvent('Feature Used', at(1, 9), { properties: core }),
      trackEvent('Feature Used', at(1, 15), { properties: core }), // same UTC day: capped
      trackEvent('Feature Used', at(2, 9), { properties: core }),
      trackEvent('Feature Used', at(3, 9), { properties: core }),
      trackEvent('Feature Used', at(3, 10), { properties: { core: false } }), // not a core feature: no rule
      trackEvent('Demo Requested', at(4, 9)),
    ];
    const state = feed(noDecay, events);
    // pricing 2 × (5 × 1.0) = 10; trial 50 × 1.5 = 75; core feature 3 days × (10 × 1.2) = 36;
    // demo 75 × 2.0 = 150 → 10 + 75 + 36 + 150 = 271
    expect(scoreAt(noDecay, state, at(5))).toBeCloseTo(271, 9);
    expect(roundScore(scoreAt(noDecay, state, at(5)))).toBe(271);
    // 271 ≥ 71: High (event scores above the last max stay in the last tier)
    expect(tierOf(noDecay, 271)?.name).toBe('High');
  });

  it('reports what each event scored, and why the second core-feature use of a day scores nothing', () => {
    let state: ScoreState | undefined;
    const first = applyEvent(noDecay, state, trackEvent('Feature Used', at(1, 9), { properties: core }));
    state = first.state;
    expect(first.outcome).toBe('scored');
    // 10 × 1.2 = 12
    expect(first.contribution?.points).toBeCloseTo(12, 12);
    expect(first.contribution?.rules).toEqual([{ ruleId: 'used-core-feature-daily', points: first.contribution?.points }]);
    const second = applyEvent(noDecay, state, trackEvent('Feature Used', at(1, 23), { properties: core }));
    expect(second).toMatchObject({ outcome: 'capped', contribution: null });
    const none = applyEvent(noDecay, state, trackEvent('Logged In', at(1, 23)));
    expect(none).toMatchObject({ outcome: 'no_matching_rule', contribution: null });
    // applyEvent copies: the state we passed in still holds one event worth 12
    expect(scoreAt(noDecay, state, at(2))).toBeCloseTo(12, 12);
  });

  it('lets an earlier core-feature use that arrives late take the day\'s slot from a later one', () => {
    const late = trackEvent('Feature Used', at(1, 8), { properties: core, messageId: 'early' });
    const onTime = trackEvent('Feature Used', at(1, 20), { properties: core, messageId: 'later' });
    let state = applyEvent(noDecay, undefined, onTime).state;
    const result = applyEvent(noDecay, state, late);
    state = result.state;
    // still one slot a day: 12, but now held by the 08:00 event
    expect(result.contribution?.displaced).toEqual([{ messageId: 'later', ruleId: 'used-core-feature-daily', points: 12 }]);
    expect(scoreAt(noDecay, state, at(2))).toBeCloseTo(12, 12);
    expect(topContributions(noDecay, state, at(2), 5).map((c) => c.messageId)).toEqual(['early']);
  });

  it('ignores a repeated messageId', () => {
    const trial = trackEvent('Trial Started', at(0), { messageId: 'trial-1' });
    let state = applyEvent(noDecay, undefined, trial).state;
    const again = applyEvent(noDecay, state, { ...trial });
    state = again.state;
    expect(again.outcome).toBe('duplicate');
    // one trial: 50 × 1.5 = 75
    expect(scoreAt(noDecay, state, at(1))).toBeCloseTo(75, 12);
  });

  it('subtracts negative points', () => {
    const model: EventScoringModel = {
      ...noDecay,
      rules: [...noDecay.rules, { id: 'unsubscribed', event: 'Unsubscribed', points: -20, weight: 1.5 }],
    };
    const state = feed(model, [trackEvent('Trial Started', at(0)), trackEvent('Unsubscribed', at(1))]);
    // 50 × 1.5 − 20 × 1.5 = 75 − 30 = 45 → Medium (41–70)
    const score = scoreAt(model, state, at(2));
    expect(score).toBeCloseTo(45, 12);
    expect(tierOf(model, score)?.name).toBe('Medium');
    // the −30 is part of "why": listed by size after the 75
    expect(topContributions(model, state, at(2), 2).map((c) => [c.ruleId, c.points])).toEqual([
      ['signed-up-for-free-trial', 75],
      ['unsubscribed', -30],
    ]);
  });

  it('halves points after one half-life and quarters them after two (seed model: 30 days)', () => {
    const model = seedEventModel();
    const state = feed(model, [trackEvent('Trial Started', at(0)), trackEvent('Demo Requested', at(0))]);
    // 75 + 150 = 225 at the moment they happen
    expect(scoreAt(model, state, at(0))).toBeCloseTo(225, 9);
    // one half-life later: 225 / 2 = 112.5
    expect(scoreAt(model, state, at(30))).toBeCloseTo(112.5, 9);
    // two: 225 / 4 = 56.25
    expect(scoreAt(model, state, at(60))).toBeCloseTo(56.25, 9);
    // "why" decays too: the demo is worth 150 / 4 = 37.5 after 60 days, the trial 75 / 4 = 18.75
    expect(topContributions(model, state, at(60), 5).map((c) => [c.ruleId, c.points, c.basePoints])).toEqual([
      ['requested-a-demo', expect.closeTo(37.5, 9), 150],
      ['signed-up-for-free-trial', expect.closeTo(18.75, 9), 75],
    ]);
  });

  it('decays each event from its own timestamp, whatever order they arrive in', () => {
    const model = seedEventModel();
    const demo = trackEvent('Demo Requested', at(30));
    const trial = trackEvent('Trial Started', at(0));
    const state = feed(model, [demo, trial]);
    // at day 60: the trial is two half-lives old, 75 / 4 = 18.75; the demo one, 150 / 2 = 75 → 93.75
    expect(scoreAt(model, state, at(60))).toBeCloseTo(93.75, 9);
  });

  it('drops an event from a rolling window exactly when it is `days` old (the boundary is exclusive)', () => {
    const model: EventScoringModel = { ...noDecay, decay: { kind: 'window', days: 7 } };
    const state = feed(model, [trackEvent('Trial Started', at(0)), trackEvent('Pricing Page Viewed', at(3))]);
    // both inside: 75 + 5 = 80
    expect(scoreAt(model, state, at(7) - 1)).toBeCloseTo(80, 12);
    // trial exactly 7 days old: out; only the pricing view (5) is left
    expect(scoreAt(model, state, at(7))).toBeCloseTo(5, 12);
    expect(topContributions(model, state, at(7), 5).map((c) => c.ruleId)).toEqual(['visited-pricing-page']);
    // pricing view exactly 7 days old: nothing
    expect(scoreAt(model, state, at(10))).toBe(0);
    // an event already outside the window of the newest one can never count: ignored
    expect(applyEvent(model, state, trackEvent('Demo Requested', at(3) - 7 * DAY_MS)).outcome).toBe('too_late');
  });

  it('caps N events per week: the earliest N of the ISO week count', () => {
    const model: EventScoringModel = {
      ...noDecay,
      rules: [{ id: 'report', event: 'Report Created', points: 4, weight: 0.5, cap: { count: 2, per: 'week' } }],
    };
    // Monday, Wednesday, Sunday 23:00 of one week, and the next Monday 01:00
    const state = feed(model, [
      trackEvent('Report Created', at(6, 23)),
      trackEvent('Report Created', at(2)),
      trackEvent('Report Created', at(7, 1)),
      trackEvent('Report Created', at(0)),
    ]);
    // week 1: 3 events, 2 count → 2 × (4 × 0.5) = 4; week 2: 1 × 2 = 2 → 6
    expect(scoreAt(model, state, at(8))).toBeCloseTo(6, 12);
    expect(topContributions(model, state, at(8), 5).map((c) => c.timestamp)).toEqual([at(7, 1), at(2), at(0)]);
  });

  it('keeps an account score for rollup "sum" by feeding it every member\'s events (caps count per person)', () => {
    const ana = { id: 'ana', traits: {} };
    const ben = { id: 'ben', traits: {} };
    const events = [
      trackEvent('Feature Used', at(1, 9), { person: ana, properties: core }),
      trackEvent('Feature Used', at(1, 10), { person: ana, properties: core }), // Ana's second today: capped
      trackEvent('Feature Used', at(1, 11), { person: ben, properties: core }), // Ben's first today: counts
      trackEvent('Trial Started', at(1, 12), { person: ben }),
    ];
    const account = feed(noDecay, events);
    // Ana 12; Ben 12 + 75 = 87 → account 12 + 87 = 99
    expect(scoreAt(noDecay, feed(noDecay, events.filter((event) => event.person?.id === 'ana')), at(2))).toBeCloseTo(12, 12);
    expect(scoreAt(noDecay, feed(noDecay, events.filter((event) => event.person?.id === 'ben')), at(2))).toBeCloseTo(87, 12);
    expect(scoreAt(noDecay, account, at(2))).toBeCloseTo(99, 12);
  });

  it('rounds for display to two decimals but keeps precision', () => {
    const model = seedEventModel();
    const state = feed(model, [trackEvent('Pricing Page Viewed', at(0))]);
    // 5 × 2^(−1/30) after one day = 4.8859...
    const score = scoreAt(model, state, at(1));
    expect(score).toBeCloseTo(5 * Math.pow(2, -1 / 30), 12);
    expect(roundScore(score)).toBe(4.89);
  });

  it('reads a state never before its newest event', () => {
    const model = seedEventModel();
    const state = feed(model, [trackEvent('Trial Started', at(10))]);
    expect(scoreAt(model, state, at(0))).toBeCloseTo(75, 9);
    expect(scoreAt(model, state, at(10) + HOUR_MS)).toBeLessThan(75);
  });
});
