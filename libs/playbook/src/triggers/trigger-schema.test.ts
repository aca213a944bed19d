import { parsePlaybook } from '../dsl/parse-playbook';
import type { Trigger } from '../dsl/types';
import { end, playbookWith } from '../test-support/playbook-builder';

const withTrigger = (trigger: unknown) => ({ ...playbookWith({ n: end }, []), trigger });
const messagesFor = (trigger: unknown): string[] => {
  const result = parsePlaybook(withTrigger(trigger));
  return result.ok ? [] : result.problems.map((problem) => problem.message);
};

describe('trigger schema', () => {
  const accepted: [string, Trigger][] = [
    ['event (unchanged from the spine)', { kind: 'event', event: 'Demo Requested', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } }],
    ['scoreThreshold', { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' }],
    ['tierChange', { kind: 'tierChange', model: 'pql', from: 'Medium', to: 'High' }],
    ['eventCount', { kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 }],
    ['distinctUsers', { kind: 'distinctUsers', event: 'Feature Used', atLeast: 3, withinDays: 30, perUser: { atLeast: 10, withinDays: 7, event: 'Session Started' } }],
    ['propertySum', { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500.01, withinDays: 30 }],
    ['baselineRatio', { kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { value: 10 }, percent: 150, consecutiveDays: 7 }],
    ['growth', { kind: 'growth', metric: { kind: 'eventCount', event: 'Report Created' }, percent: 20, period: 'month' }],
    ['inactivity', { kind: 'inactivity', days: 14 }],
    ['schedule', { kind: 'schedule', cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }],
    ['relativeDate', { kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 }],
    ['crmChange', { kind: 'crmChange', object: 'deal', field: 'stage', to: 'Closed Lost' }],
    ['all / any', { kind: 'all', triggers: [{ kind: 'any', triggers: [{ kind: 'event', event: 'A' }] }, { kind: 'inactivity', days: 3 }] }],
  ];

  it.each(accepted)('accepts %s as written', (_name, trigger) => {
    expect(parsePlaybook(withTrigger(JSON.parse(JSON.stringify(trigger))))).toEqual({ ok: true, playbook: withTrigger(trigger) });
  });

  it('names the unknown kind and lists the known ones', () => {
    expect(messagesFor({ kind: 'usage' })).toEqual([
      'trigger.kind: trigger kind must be one of: event, scoreThreshold, tierChange, eventCount, distinctUsers, propertySum, baselineRatio, growth, inactivity, schedule, relativeDate, crmChange, all, any',
    ]);
  });

  it('refuses counts and windows that cannot work, naming the field', () => {
    expect(messagesFor({ kind: 'eventCount', event: 'X', atLeast: 0, withinDays: 400 })).toEqual([
      'trigger.atLeast: atLeast must be at least 1',
      'trigger.withinDays: withinDays is at most 366 days',
    ]);
    expect(messagesFor({ kind: 'distinctUsers', event: 'X', atLeast: 2.5, withinDays: 7 })).toEqual(['trigger.atLeast: atLeast must be a whole number']);
    expect(messagesFor({ kind: 'growth', metric: { kind: 'activeUsers' }, percent: 20, period: 'quarter' })).toEqual([
      'trigger.period: period must be "week" or "month"',
    ]);
    expect(messagesFor({ kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { value: 0 }, percent: 150, consecutiveDays: 7 })).toEqual([
      'trigger.baseline.value: baseline value must be above 0',
    ]);
  });

  it('refuses unknown fields in nested triggers with their path', () => {
    expect(messagesFor({ kind: 'any', triggers: [{ kind: 'event', event: 'A' }, { kind: 'scoreThreshold', model: 'pql', threshold: 5, direction: 'sideways' }] })).toEqual([
      'trigger.triggers[1].direction: direction must be "up" or "down"',
    ]);
  });

  it('caps how deep composites nest', () => {
    let trigger: unknown = { kind: 'event', event: 'A' };
    for (let level = 0; level < 5; level += 1) trigger = { kind: 'all', triggers: [trigger] };
    expect(messagesFor(trigger)).toEqual(['trigger: triggers nest at most 5 levels deep']);
  });
});
