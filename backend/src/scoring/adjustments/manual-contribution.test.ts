import { applyEventInPlace, scoreAt, seedEventModel, topContributions, type EventScoringModel } from '@tripline/scoring';
import { addManualContribution, manualRuleId } from './manual-contribution';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);

describe('addManualContribution', () => {
  const model: EventScoringModel = { ...seedEventModel(), decay: { kind: 'none' } } as EventScoringModel;

  it('adds points that scoreAt and topContributions see, on top of event points', () => {
    const { state } = applyEventInPlace(model, undefined, { messageId: 'm1', event: 'Demo Requested', timestamp: T0, properties: {}, person: { id: 'p', traits: {} } });
    const before = scoreAt(model, state, T0);
    const result = addManualContribution(model, state, { messageId: 'adjust:r1:s:1', reason: 'Playbook run r1, step s', points: 12, at: T0 + HOUR });
    expect(result.added).toBe(true);
    expect(result.scoreAtNewest).toBe(before + 12);
    expect(result.newest).toBe(T0 + HOUR);
    expect(topContributions(model, result.state, T0 + HOUR, 20)).toContainEqual(
      expect.objectContaining({ messageId: 'adjust:r1:s:1', event: 'Playbook run r1, step s', ruleId: 'manual:+12', points: 12 }),
    );
  });

  it('adds nothing the second time for the same messageId', () => {
    const first = addManualContribution(model, undefined, { messageId: 'adjust:x', reason: 'r', points: 5, at: T0 });
    const again = addManualContribution(model, first.state, { messageId: 'adjust:x', reason: 'r', points: 5, at: T0 });
    expect(again.added).toBe(false);
    expect(again.scoreAtNewest).toBe(5);
  });

  it('takes points away with a negative amount, and decays like event points under a half-life', () => {
    const halfLife = { ...model, decay: { kind: 'halfLife', days: 7 } } as EventScoringModel;
    const { state, scoreAtNewest } = addManualContribution(halfLife, undefined, { messageId: 'a', reason: 'r', points: -8, at: T0 });
    expect(scoreAtNewest).toBe(-8);
    expect(scoreAt(halfLife, state, T0 + 7 * 24 * HOUR)).toBeCloseTo(-4, 9);
    expect(manualRuleId(-8)).toBe('manual:-8');
  });
});
