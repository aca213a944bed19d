import { TRIGGER_TAXONOMY, type Trigger } from '@tripline/playbook';
import { aggregateNeedsOf, planForTriggers, triggerProfile } from './needs';

describe('triggerProfile', () => {
  it('names the events, models and moments that can fire a trigger', () => {
    const trigger: Trigger = {
      kind: 'all',
      triggers: [
        { kind: 'event', event: 'Demo Requested' },
        { kind: 'distinctUsers', event: 'Feature Used', atLeast: 3, withinDays: 30, perUser: { event: 'Session Started', atLeast: 10, withinDays: 7 } },
        { kind: 'tierChange', model: 'pql', to: 'High' },
        { kind: 'inactivity', event: 'Login', days: 3 },
        { kind: 'crmChange', object: 'deal', field: 'stage' },
      ],
    };
    const profile = triggerProfile(trigger);
    expect([...profile.events!].sort()).toEqual(['Demo Requested', 'Feature Used', 'Session Started']);
    expect([...profile.scoreModels]).toEqual(['pql']);
    expect(profile).toMatchObject({ usesTiers: true, onTick: true, onCrm: true, inactivityEvents: ['Login'] });
  });

  it('any event can fire a trigger reading daily active users', () => {
    expect(triggerProfile(TRIGGER_TAXONOMY.find((row) => row.id === 'usage-threshold')!.trigger).events).toBeNull();
  });
});

describe('planForTriggers', () => {
  it('keeps one series per event and filter, for the longest window', () => {
    const plan = planForTriggers([
      { kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 },
      { kind: 'distinctUsers', event: 'Demo Requested', atLeast: 2, withinDays: 30 },
      { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500, withinDays: 30 },
      { kind: 'growth', metric: { kind: 'activeUsers' }, percent: 20, period: 'month' },
    ]);
    expect(plan.retentionDays).toBe(62);
    expect(plan.series.map(({ event, people, sums }) => ({ event, people, sums }))).toEqual([
      { event: 'Demo Requested', people: true, sums: [] },
      { event: 'Overage Charged', people: false, sums: ['amount'] },
      { event: null, people: true, sums: [] },
    ]);
  });

  it('needs nothing for triggers that read no window', () => {
    expect(aggregateNeedsOf({ kind: 'any', triggers: [{ kind: 'event', event: 'X' }, { kind: 'inactivity', days: 2 }] })).toEqual([]);
    expect(planForTriggers([]).retentionDays).toBe(0);
  });
});
