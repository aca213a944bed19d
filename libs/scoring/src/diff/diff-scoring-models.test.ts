import fc from 'fast-check';
import { pqlComponentModel } from '../defaults/pql-component-model';
import { seedEventModel } from '../defaults/seed-event-model';
import type { ComponentScoringModel, EventScoringModel } from '../model/types';
import { diffScoringModels } from './diff-scoring-models';

const lead = (): EventScoringModel => seedEventModel();
const pql = (): ComponentScoringModel => pqlComponentModel();

describe('diffScoringModels', () => {
  it("the PQL model's High tier 71 → 75: one changed tier", () => {
    const after = pql();
    after.tiers[2]!.min = 75;
    expect(diffScoringModels(pql(), after)).toEqual({
      subject: 'Scoring model',
      summary: ['Tier High: from 71 → 75'],
      items: [{ collection: 'tiers', key: 'High', kind: 'changed', label: 'Tier High', changes: [{ path: 'min', kind: 'changed', before: 71, after: 75 }] }],
      fields: [],
      empty: false,
    });
  });

  it('the lead model\'s "demo" rule points 75 → 90: one changed rule, keyed by its id', () => {
    const after = lead();
    after.rules.find((rule) => rule.id === 'requested-a-demo')!.points = 90;
    const diff = diffScoringModels(lead(), after);
    expect(diff.summary).toEqual(['Rule "Demo Requested": points 75 → 90']);
    expect(diff.items).toEqual([
      {
        collection: 'rules',
        key: 'requested-a-demo',
        kind: 'changed',
        label: 'Rule "Demo Requested"',
        changes: [{ path: 'points', kind: 'changed', before: 75, after: 90 }],
      },
    ]);
    expect(diff.fields).toEqual([]);
  });

  it('decay, rollup, caps and added / removed rules', () => {
    const after = lead();
    after.decay = { kind: 'halfLife', days: 14 };
    after.rollup = 'max';
    after.rules = after.rules.filter((rule) => rule.id !== 'visited-pricing-page');
    after.rules.find((rule) => rule.id === 'used-core-feature-daily')!.cap = { count: 2, per: 'week' };
    after.rules.push({ id: 'invited-a-teammate', event: 'User Invited', points: 20, weight: 1.5 });
    const diff = diffScoringModels(lead(), after);
    expect(diff.fields).toEqual([
      { path: 'decay.days', kind: 'changed', before: 30, after: 14 },
      { path: 'rollup', kind: 'changed', before: 'sum', after: 'max' },
    ]);
    expect(diff.summary).toEqual([
      'Decay half-life 30d → 14d',
      'Account rollup: sum → max',
      'Rule "Feature Used": cap count 1 → 2; cap per "day" → "week"',
      'Added rule "User Invited" (20 points × 1.5)',
      'Removed rule "Pricing Page Viewed"',
    ]);
    expect(diff.items.map((item) => `${item.kind} ${item.key}`)).toEqual([
      'changed used-core-feature-daily',
      'added invited-a-teammate',
      'removed visited-pricing-page',
    ]);
    expect(diff.items[1]!.changes).toEqual([{ path: '', kind: 'added', after: { id: 'invited-a-teammate', event: 'User Invited', points: 20, weight: 1.5 } }]);
  });

  it('a decay that changes kind reads both sides whole', () => {
    const after = lead();
    after.decay = { kind: 'window', days: 90 };
    expect(diffScoringModels(lead(), after).summary).toEqual(['Decay half-life 30d → window 90d']);
    after.decay = { kind: 'none' };
    expect(diffScoringModels(lead(), after).summary).toEqual(['Decay half-life 30d → none']);
  });

  it('two rules on one event are told apart by their ids', () => {
    const after = lead();
    after.rules.push({ id: 'trial-started-enterprise', event: 'Trial Started', where: { property: 'event.properties.plan', operator: 'eq', value: 'enterprise' }, points: 80, weight: 1.5 });
    expect(diffScoringModels(lead(), after).summary).toEqual(['Added rule "Trial Started" (trial-started-enterprise) (80 points × 1.5)']);
  });

  it('component weights and filters of the PQL model', () => {
    const after = pql();
    const depth = after.components.find((component) => component.id === 'feature-depth')!;
    const sessions = after.components.find((component) => component.id === 'session-duration')!;
    depth.weight = 20;
    sessions.weight = 10;
    if (depth.metric.kind !== 'distinctPropertyValues') throw new Error('example changed');
    depth.metric.where = { property: 'event.properties.tier', operator: 'in', value: ['pro', 'enterprise'] };
    const diff = diffScoringModels(pql(), after);
    expect(diff.summary).toEqual([
      'Component "Feature depth score": metric where advanced = true → tier in (pro, enterprise); weight 15 → 20',
      'Component "Session duration": weight 15 → 10',
    ]);
    expect(diff.items[0]!.changes).toEqual([
      { path: 'metric.where.property', kind: 'changed', before: 'event.properties.advanced', after: 'event.properties.tier' },
      { path: 'metric.where.operator', kind: 'changed', before: 'eq', after: 'in' },
      { path: 'metric.where.value', kind: 'changed', before: true, after: ['pro', 'enterprise'] },
      { path: 'weight', kind: 'changed', before: 15, after: 20 },
    ]);
  });

  it('a first publish (before null): everything is added', () => {
    const diff = diffScoringModels(null, lead());
    expect(diff.items.every((item) => item.kind === 'added')).toBe(true);
    expect(diff.fields.map((entry) => `${entry.kind} ${entry.path}`)).toEqual(['added name', 'added description', 'added kind', 'added decay', 'added rollup']);
    expect(diff.summary).toEqual([
      'Name: "Product-led lead score"',
      'Description: "The event-based scoring table: awareness, engagement and co…"',
      'Model kind: events',
      'Decay: half-life 30d',
      'Account rollup: sum',
      'Added rule "Pricing Page Viewed" (5 points × 1)',
      'Added rule "Trial Started" (50 points × 1.5)',
      'Added rule "Feature Used" (10 points × 1.2)',
      'Added rule "Demo Requested" (75 points × 2)',
      'Added tier Low (0–40)',
      'Added tier Medium (41–70)',
      'Added tier High (71–100)',
    ]);
  });

  it('switching model kind removes the rules and adds the components', () => {
    const after = { ...pql(), id: 'seed-event-scoring' };
    const diff = diffScoringModels(lead(), after);
    expect(diff.summary.slice(2, 5)).toEqual(['Model kind: events → components', 'Decay: removed (was half-life 30d)', 'Account rollup: removed (was sum)']);
    expect(diff.items.filter((item) => item.collection === 'rules').every((item) => item.kind === 'removed')).toBe(true);
    expect(diff.items.filter((item) => item.collection === 'components')).toHaveLength(7);
  });

  it('ignores id and version, and rule order; a model against itself is empty (property)', () => {
    const shuffled = { ...lead(), id: 'copy', version: 9 };
    shuffled.rules.reverse();
    expect(diffScoringModels(lead(), shuffled)).toEqual({ subject: 'Scoring model', summary: [], items: [], fields: [], empty: true });
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), fc.integer({ min: -5, max: 5 }).filter((step) => step !== 0), (tier, step) => {
        const after = pql();
        after.tiers[tier]!.max += step;
        const diff = diffScoringModels(pql(), after);
        expect(diff.summary).toEqual([`Tier ${after.tiers[tier]!.name}: to ${after.tiers[tier]!.max - step} → ${after.tiers[tier]!.max}`]);
        expect(diff.empty).toBe(false);
      }),
    );
  });
});
