import type { Trigger } from '@tripline/playbook';
import { scoreContextOf } from './score-context';
import type { ScoreChange } from './types';

const change = (model: string, before: number, after: number, tierBefore: string | null, tierAfter: string | null): ScoreChange => ({ model, before, after, tierBefore, tierAfter });

describe('scoreContextOf', () => {
  it("gives a tier trigger's run the move of its model, scores to two decimals", () => {
    const trigger: Trigger = { kind: 'tierChange', model: 'pql', to: 'High' };
    expect(scoreContextOf(trigger, [change('lead', 1, 2, 'Low', 'Low'), change('pql', 68.123, 74.5678, 'Medium', 'High')])).toEqual({
      model: 'pql',
      score: 74.57,
      previousScore: 68.12,
      tier: 'High',
      previousTier: 'Medium',
    });
  });

  it('finds the score leaf inside a composite, and the first of its models that moved', () => {
    const trigger: Trigger = {
      kind: 'all',
      triggers: [
        { kind: 'event', event: 'Demo Requested' },
        { kind: 'any', triggers: [{ kind: 'scoreThreshold', model: 'lead', threshold: 71, direction: 'up' }, { kind: 'tierChange', model: 'pql' }] },
      ],
    };
    expect(scoreContextOf(trigger, [change('pql', 30, 45, 'Low', 'Medium')])).toMatchObject({ model: 'pql', tier: 'Medium' });
    expect(scoreContextOf(trigger, [change('pql', 30, 45, 'Low', 'Medium'), change('lead', 60, 80, null, null)])).toMatchObject({ model: 'lead', score: 80 });
  });

  it('is undefined for a trigger that reads no score, or when its model did not move', () => {
    expect(scoreContextOf({ kind: 'event', event: 'Trial Started' }, [change('lead', 0, 75, 'Low', 'High')])).toBeUndefined();
    expect(scoreContextOf({ kind: 'scoreThreshold', model: 'lead', threshold: 71, direction: 'up' }, [change('pql', 1, 2, null, null)])).toBeUndefined();
    expect(scoreContextOf({ kind: 'scoreThreshold', model: 'lead', threshold: 71, direction: 'up' }, undefined)).toBeUndefined();
  });
});
