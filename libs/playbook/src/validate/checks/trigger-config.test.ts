import type { Trigger, ValidationProblem } from '../../dsl/types';
import { end, playbookWith } from '../../test-support/playbook-builder';
import { validate } from '../validate';

const problemsFor = (trigger: Trigger): Pick<ValidationProblem, 'code' | 'message' | 'path'>[] =>
  validate(playbookWith({ done: end }, [], { trigger })).problems.map(({ code, message, path }) => ({ code, message, ...(path ? { path } : {}) }));

const missing = (path: (string | number)[], message: string) => ({ code: 'missing_config', path, message });

describe('trigger configuration', () => {
  it('keeps the event trigger messages of the spine', () => {
    expect(problemsFor({ kind: 'event', event: ' ' })).toEqual([
      missing(['trigger', 'event'], 'trigger.event: choose the event that starts the playbook'),
    ]);
  });

  it('asks for the model of score and tier triggers', () => {
    expect(problemsFor({ kind: 'scoreThreshold', model: '', threshold: 71, direction: 'up' })).toEqual([
      missing(['trigger', 'model'], 'trigger.model: choose the scoring model'),
    ]);
    expect(problemsFor({ kind: 'tierChange', model: 'pql', from: 'High', to: 'High' })).toEqual([
      missing(['trigger', 'to'], 'trigger.to: "from" and "to" are the same tier, so it never changes'),
    ]);
  });

  it('walks composites and names each unfinished leaf by its path', () => {
    const trigger: Trigger = {
      kind: 'all',
      triggers: [
        { kind: 'eventCount', event: '', atLeast: 2, withinDays: 14, where: { property: 'event.properties.role', operator: 'eq' } },
        { kind: 'any', triggers: [] },
        { kind: 'propertySum', event: 'Overage Charged', property: '', atLeast: 500, withinDays: 30 },
      ],
    };
    expect(problemsFor(trigger)).toEqual([
      missing(['trigger', 'triggers', 0, 'event'], 'trigger.triggers[0].event: choose the event to count'),
      missing(['trigger', 'triggers', 0, 'where'], 'trigger.triggers[0].where: "event.properties.role" is equal to needs a value'),
      missing(['trigger', 'triggers', 1, 'triggers'], 'trigger.triggers[1].triggers: add at least one trigger to the group'),
      missing(['trigger', 'triggers', 2, 'property'], 'trigger.triggers[2].property: choose the numeric property to add up'),
    ]);
  });

  it('checks power-user windows fit in the outer window', () => {
    expect(problemsFor({ kind: 'distinctUsers', event: 'Session Started', atLeast: 3, withinDays: 7, perUser: { atLeast: 10, withinDays: 14 } })).toEqual([
      missing(['trigger', 'perUser', 'withinDays'], "trigger.perUser.withinDays: a power user's 14 days must fit in the 7-day window"),
    ]);
  });

  it('asks for the metric event and the baseline trait', () => {
    expect(problemsFor({ kind: 'baselineRatio', metric: { kind: 'eventCount' }, baseline: { trait: '' }, percent: 150, consecutiveDays: 7 })).toEqual([
      missing(['trigger', 'metric', 'event'], 'trigger.metric.event: choose the event to count each day'),
      missing(['trigger', 'baseline', 'trait'], 'trigger.baseline.trait: choose the trait that holds the baseline'),
    ]);
    expect(problemsFor({ kind: 'growth', metric: { kind: 'activeUsers' }, percent: 20, period: 'month' })).toEqual([]);
  });

  it('checks schedules, date ranges and CRM fields', () => {
    expect(problemsFor({ kind: 'schedule', cron: '0 9 * *' })).toEqual([
      missing(['trigger', 'cron'], 'trigger.cron: "0 9 * *" has 4 fields; write 5: minute hour day-of-month month day-of-week'),
    ]);
    expect(problemsFor({ kind: 'relativeDate', trait: 'closedWonAt', fromDays: 90, toDays: 60 })).toEqual([
      missing(['trigger', 'toDays'], 'trigger.toDays: toDays (60) is before fromDays (90)'),
    ]);
    expect(problemsFor({ kind: 'crmChange', object: 'deal', field: '' })).toEqual([missing(['trigger', 'field'], 'trigger.field: choose the deal field to watch')]);
    expect(problemsFor({ kind: 'inactivity', event: '', days: 3 })).toEqual([
      missing(['trigger', 'event'], 'trigger.event: choose an event, or leave it out to count any activity'),
    ]);
  });
});
