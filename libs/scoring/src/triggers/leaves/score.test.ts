import type { Trigger } from '@tripline/playbook';
import { evaluateTrigger } from '../evaluate-trigger';
import type { ScoreChange } from '../types';

const NOW = Date.UTC(2025, 2, 3, 12);
const change = (before: number, after: number, tierBefore: string | null = null, tierAfter: string | null = null, model = 'pql'): ScoreChange => ({
  model,
  before,
  after,
  tierBefore,
  tierAfter,
});
const fires = (trigger: Trigger, scoreChange: ScoreChange) => evaluateTrigger(trigger, { now: NOW, scoreChange }).fired;

describe('scoreThreshold', () => {
  const up: Trigger = { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' };
  const down: Trigger = { kind: 'scoreThreshold', model: 'pql', threshold: 41, direction: 'down' };

  it('up fires when before < threshold ≤ after', () => {
    expect(fires(up, change(70, 71))).toBe(true);
    expect(fires(up, change(70.99, 75))).toBe(true);
    expect(fires(up, change(71, 80))).toBe(false); // already above: being above is not crossing
    expect(fires(up, change(60, 70.99))).toBe(false);
    expect(fires(up, change(80, 60))).toBe(false);
  });

  it('down fires when before ≥ threshold > after', () => {
    expect(fires(down, change(41, 40.99))).toBe(true);
    expect(fires(down, change(55, 12))).toBe(true);
    expect(fires(down, change(40, 30))).toBe(false);
    expect(fires(down, change(50, 41))).toBe(false);
    expect(fires(down, change(30, 50))).toBe(false);
  });

  it('reads only its own model, and says what happened', () => {
    expect(fires(up, change(0, 100, null, null, 'other'))).toBe(false);
    expect(evaluateTrigger(up, { now: NOW, scoreChanges: [change(0, 100, null, null, 'other'), change(65, 72.456)] })).toEqual({
      fired: true,
      holds: true,
      reason: 'score 65 → 72.46: crossed 71 up (model pql)',
    });
  });

  it('holds from the current score when nothing changed (for composites), without firing', () => {
    expect(evaluateTrigger(up, { now: NOW, scores: { pql: { score: 80, tier: 'High' } } })).toMatchObject({ fired: false, holds: true });
    expect(evaluateTrigger(up, { now: NOW })).toMatchObject({ fired: false, holds: false, reason: 'no score under model pql' });
  });
});

describe('tierChange', () => {
  it('fires on any change of tier, or only into `to` / out of `from`', () => {
    expect(fires({ kind: 'tierChange', model: 'pql' }, change(40, 41, 'Low', 'Medium'))).toBe(true);
    expect(fires({ kind: 'tierChange', model: 'pql' }, change(41, 60, 'Medium', 'Medium'))).toBe(false);
    expect(fires({ kind: 'tierChange', model: 'pql', to: 'High' }, change(60, 71, 'Medium', 'High'))).toBe(true);
    expect(fires({ kind: 'tierChange', model: 'pql', to: 'High' }, change(30, 50, 'Low', 'Medium'))).toBe(false);
    expect(fires({ kind: 'tierChange', model: 'pql', from: 'High' }, change(75, 70, 'High', 'Medium'))).toBe(true);
    expect(fires({ kind: 'tierChange', model: 'pql', from: 'High', to: 'Low' }, change(75, 70, 'High', 'Medium'))).toBe(false);
  });
});
