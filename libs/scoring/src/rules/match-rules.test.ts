import { seedEventModel } from '../defaults/seed-event-model';
import type { EventScoringModel } from '../model/types';
import { at, trackEvent } from '../test-support/events';
import { evaluationContextOf, matchRules, rulePoints } from './match-rules';

describe('matchRules', () => {
  const model = seedEventModel();

  it('matches the event name exactly and then the rule filter', () => {
    expect(matchRules(model, trackEvent('Feature Used', at(0), { properties: { core: true } })).map((rule) => rule.id)).toEqual(['used-core-feature-daily']);
    expect(matchRules(model, trackEvent('Feature Used', at(0), { properties: { core: false } }))).toEqual([]);
    expect(matchRules(model, trackEvent('feature used', at(0), { properties: { core: true } }))).toEqual([]);
    expect(matchRules(model, trackEvent('Demo Requested', at(0))).map(rulePoints)).toEqual([150]);
  });

  it('returns every matching rule, and filters may read person and account traits and the timestamp', () => {
    const withTraits: EventScoringModel = {
      ...model,
      rules: [
        { id: 'demo', event: 'Demo Requested', points: 75, weight: 2 },
        { id: 'demo-enterprise', event: 'Demo Requested', where: { property: 'account.traits.plan', operator: 'eq', value: 'enterprise' }, points: 25, weight: 1 },
        { id: 'demo-vp', event: 'Demo Requested', where: { property: 'person.traits.title', operator: 'contains', value: 'vp' }, points: 10, weight: 1 },
        { id: 'demo-2025', event: 'Demo Requested', where: { property: 'event.timestamp', operator: 'gte', value: '2025-01-01' }, points: 1, weight: 1 },
      ],
    };
    const event = trackEvent('Demo Requested', at(0), {
      person: { id: 'p1', traits: { title: 'VP Sales' } },
      account: { id: 'a1', traits: { plan: 'Enterprise' } },
    });
    expect(matchRules(withTraits, event).map((rule) => rule.id)).toEqual(['demo', 'demo-enterprise', 'demo-vp', 'demo-2025']);
    expect(matchRules(withTraits, { ...event, timestamp: Date.UTC(2024, 11, 31) }).map((rule) => rule.id)).toEqual(['demo', 'demo-enterprise', 'demo-vp']);
  });

  it('builds the same evaluation context playbook conditions read', () => {
    const event = trackEvent('Trial Started', Date.UTC(2025, 2, 3, 9), { messageId: 'm1', properties: { plan: 'pro' } });
    expect(evaluationContextOf(event)).toEqual({
      event: { name: 'Trial Started', messageId: 'm1', timestamp: '2025-03-03T09:00:00.000Z', properties: { plan: 'pro' } },
      person: { id: 'person-1', traits: {} },
    });
  });
});
