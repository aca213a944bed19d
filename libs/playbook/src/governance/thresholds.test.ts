import type { Playbook, Trigger } from '../dsl/types';
import { TRIGGER_TAXONOMY, demoRequestFollowUp } from '../examples';
import { validate } from '../validate/validate';
import { thresholdFields, withThreshold, ThresholdChangeError } from './thresholds';

const taxonomy = (id: string): Trigger => TRIGGER_TAXONOMY.find((row) => row.id === id)!.trigger;
const playbookWithTrigger = (trigger: Trigger): Playbook => ({ ...structuredClone(demoRequestFollowUp), trigger: structuredClone(trigger) });

describe('thresholdFields', () => {
  it('lists the score threshold of a scoreThreshold trigger', () => {
    expect(thresholdFields({ kind: 'scoreThreshold', model: 'lead-score', threshold: 71, direction: 'up' })).toEqual([
      { path: 'trigger.threshold', label: 'Score threshold (lead-score, upward)', value: 71 },
    ]);
  });

  it('lists every numeric field of each leaf kind', () => {
    const cases: [Trigger, string[]][] = [
      [{ kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 }, ['trigger.atLeast', 'trigger.withinDays']],
      [taxonomy('feature-adoption'), ['trigger.atLeast', 'trigger.withinDays', 'trigger.perUser.atLeast', 'trigger.perUser.withinDays']],
      [{ kind: 'distinctUsers', event: 'Login', atLeast: 3, withinDays: 7 }, ['trigger.atLeast', 'trigger.withinDays']],
      [{ kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500, withinDays: 30 }, ['trigger.atLeast', 'trigger.withinDays']],
      [taxonomy('usage-threshold'), ['trigger.percent', 'trigger.consecutiveDays']],
      [
        { kind: 'baselineRatio', metric: { kind: 'eventCount', event: 'Export' }, baseline: { value: 40 }, percent: 150, consecutiveDays: 3 },
        ['trigger.percent', 'trigger.consecutiveDays', 'trigger.baseline.value'],
      ],
      [{ kind: 'growth', metric: { kind: 'activeUsers' }, percent: 20, period: 'month' }, ['trigger.percent']],
      [{ kind: 'inactivity', days: 14 }, ['trigger.days']],
      [{ kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 }, ['trigger.fromDays', 'trigger.toDays']],
      [{ kind: 'event', event: 'Demo Requested' }, []],
      [{ kind: 'tierChange', model: 'pql', to: 'High' }, []],
      [{ kind: 'schedule', cron: '0 9 * * 1' }, []],
      [{ kind: 'crmChange', object: 'deal', field: 'stage', to: 'Closed Lost' }, []],
    ];
    for (const [trigger, paths] of cases) expect(thresholdFields(trigger).map((field) => field.path)).toEqual(paths);
  });

  it('reaches into composites with nested paths and says which child in the label', () => {
    const trigger: Trigger = {
      kind: 'all',
      triggers: [
        { kind: 'event', event: 'Trial Started' },
        { kind: 'any', triggers: [{ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' }, { kind: 'inactivity', event: 'Login', days: 7 }] },
      ],
    };
    expect(thresholdFields(trigger)).toEqual([
      { path: 'trigger.triggers.1.triggers.0.threshold', label: 'Trigger #2.1: Score threshold (pql, upward)', value: 71 },
      { path: 'trigger.triggers.1.triggers.1.days', label: 'Trigger #2.2: Inactive days (Login)', value: 7 },
    ]);
  });

  it('reads every threshold the domain taxonomy uses, with its current value', () => {
    const fields = thresholdFields(taxonomy('multi-user-growth'));
    expect(fields).toEqual([
      { path: 'trigger.triggers.0.atLeast', label: 'Trigger #1: Minimum count (User Invited)', value: 2 },
      { path: 'trigger.triggers.0.withinDays', label: 'Trigger #1: Window in days (User Invited)', value: 14 },
      { path: 'trigger.triggers.1.atLeast', label: 'Trigger #2: Minimum people (User Activated)', value: 5 },
      { path: 'trigger.triggers.1.withinDays', label: 'Trigger #2: Window in days (User Activated)', value: 14 },
    ]);
  });
});

describe('withThreshold', () => {
  const scored = playbookWithTrigger({ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' });

  it('returns a valid copy with the one field changed, leaving the original alone', () => {
    const before = structuredClone(scored);
    const changed = withThreshold(scored, 'trigger.threshold', 80);
    expect(changed.trigger).toEqual({ kind: 'scoreThreshold', model: 'pql', threshold: 80, direction: 'up' });
    expect({ ...changed, trigger: scored.trigger }).toEqual(scored);
    expect(scored).toEqual(before);
    expect(validate(changed).ok).toBe(true);
  });

  it('changes a nested composite field', () => {
    const playbook = playbookWithTrigger(taxonomy('multi-user-growth'));
    const changed = withThreshold(playbook, 'trigger.triggers.1.atLeast', 8);
    expect(thresholdFields(changed.trigger).find((field) => field.path === 'trigger.triggers.1.atLeast')?.value).toBe(8);
    expect(thresholdFields(playbook.trigger).find((field) => field.path === 'trigger.triggers.1.atLeast')?.value).toBe(5);
  });

  it('round-trips every threshold of every taxonomy trigger', () => {
    for (const row of TRIGGER_TAXONOMY) {
      const playbook = playbookWithTrigger(row.trigger);
      for (const field of thresholdFields(playbook.trigger)) {
        const next = field.value + 1;
        const changed = withThreshold(playbook, field.path, next);
        expect(thresholdFields(changed.trigger).map((f) => (f.path === field.path ? f.value - 1 : f.value))).toEqual(
          thresholdFields(playbook.trigger).map((f) => f.value),
        );
      }
    }
  });

  it('refuses a path that is not a threshold of the trigger, naming the ones that are', () => {
    expect(() => withThreshold(scored, 'trigger.model', 3)).toThrow(
      new ThresholdChangeError('"trigger.model" is not a threshold of this playbook\'s trigger (one of: trigger.threshold)'),
    );
    expect(() => withThreshold(scored, 'nodes.has-email.when', 3)).toThrow(ThresholdChangeError);
    expect(() => withThreshold(demoRequestFollowUp, 'trigger.threshold', 3)).toThrow('this trigger has none');
  });

  it('refuses a value that is not a finite number', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '80' as unknown as number]) {
      expect(() => withThreshold(scored, 'trigger.threshold', value)).toThrow(/trigger\.threshold: the new value must be a finite number/);
    }
  });

  it('refuses a value that makes the playbook invalid, saying why', () => {
    const counted = playbookWithTrigger({ kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 });
    expect(() => withThreshold(counted, 'trigger.atLeast', 2.5)).toThrow(
      'trigger.atLeast = 2.5 would make the playbook invalid: trigger.atLeast: atLeast must be a whole number',
    );
    expect(() => withThreshold(counted, 'trigger.withinDays', 400)).toThrow(/withinDays is at most 366 days/);
  });
});
