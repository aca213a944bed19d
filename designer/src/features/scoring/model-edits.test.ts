import { pqlComponentModel, seedEventModel, type EventScoringModel } from '@tripline/scoring';
import { addRule, addTier, componentWeightSum, freshId, normalizeModel, scoredPoints, updateRule, updateTier } from './model-edits';

describe('scoring model edits', () => {
  it('scores a rule as points × weighting factor, like the scoring table (50 × 1.5 = 75)', () => {
    expect(scoredPoints({ points: 50, weight: 1.5 })).toBe(75);
    expect(scoredPoints({ points: 10, weight: 1.2 })).toBe(12);
    expect(scoredPoints({ points: -5, weight: 1 })).toBe(-5);
  });

  it('sums component weights: the PQL model sums to 100', () => {
    expect(componentWeightSum(pqlComponentModel().components)).toBe(100);
    expect(componentWeightSum([])).toBe(0);
  });

  it('reads a partial stored draft as an event model with empty lists and no decay', () => {
    const model = normalizeModel({ schemaVersion: 1, id: 'm', version: 1, name: 'M', kind: 'events' });
    expect(model).toMatchObject({ kind: 'events', rules: [], tiers: [], decay: { kind: 'none' }, rollup: 'sum' });
    expect(normalizeModel({ kind: 'components' })).toMatchObject({ kind: 'components', components: [], tiers: [] });
  });

  it('adds rules with fresh ids and removes optional settings cleared in a form', () => {
    expect(freshId('rule', ['rule', 'rule-2'])).toBe('rule-3');
    let model = normalizeModel({ ...seedEventModel(), rules: [] }) as EventScoringModel;
    model = addRule(addRule(model));
    expect(model.rules.map((r) => r.id)).toEqual(['rule', 'rule-2']);
    model = updateRule(model, 0, { rationale: 'why', cap: { count: 2, per: 'day' } });
    expect(model.rules[0]).toMatchObject({ rationale: 'why', cap: { count: 2, per: 'day' } });
    model = updateRule(model, 0, { rationale: undefined, cap: undefined });
    expect(Object.keys(model.rules[0]!)).not.toContain('cap');
    expect(Object.keys(model.rules[0]!)).not.toContain('rationale');
  });

  it('adds a tier right above the last one', () => {
    const tiers = addTier([{ name: 'Low', min: 0, max: 40 }]);
    expect(tiers[1]).toEqual({ name: 'Tier 2', min: 41, max: 61 });
    expect(updateTier(tiers, 1, { action: 'nurture' })[1]).toMatchObject({ action: 'nurture' });
  });
});
