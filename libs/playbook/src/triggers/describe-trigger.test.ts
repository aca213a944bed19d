import type { Trigger } from '../dsl/types';
import { describeTrigger } from './describe-trigger';

describe('describeTrigger', () => {
  it.each<[Trigger, string]>([
    [{ kind: 'event', event: 'Demo Requested' }, 'Demo Requested'],
    [{ kind: 'event', event: '', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } }, '(no event) where plan = pro'],
    [{ kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' }, 'Score ≥ 71 crossing up (model pql)'],
    [{ kind: 'scoreThreshold', model: 'pql', threshold: 41, direction: 'down' }, 'Score < 41 crossing down (model pql)'],
    [{ kind: 'tierChange', model: 'pql', to: 'High' }, 'Tier → High (model pql)'],
    [{ kind: 'tierChange', model: 'pql', from: 'High', to: 'Medium' }, 'Tier High → Medium (model pql)'],
    [{ kind: 'tierChange', model: 'pql' }, 'Tier changes (model pql)'],
    [{ kind: 'eventCount', event: 'Demo Requested', atLeast: 2, withinDays: 14 }, 'Demo Requested ≥ 2 in 14 days'],
    [
      { kind: 'distinctUsers', event: 'Feature Used', atLeast: 3, withinDays: 30, perUser: { event: 'Session Started', atLeast: 10, withinDays: 7 } },
      '≥ 3 power users (Session Started ≥ 10 in 7 days) did Feature Used in 30 days',
    ],
    [{ kind: 'distinctUsers', event: 'User Activated', atLeast: 5, withinDays: 14 }, '≥ 5 people did User Activated in 14 days'],
    [{ kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500, withinDays: 30 }, 'Sum of amount on Overage Charged ≥ 500 in 30 days'],
    [
      { kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { trait: 'planDauBaseline' }, percent: 150, consecutiveDays: 7 },
      'Daily active users ≥ 150% of planDauBaseline for 7 days in a row',
    ],
    [{ kind: 'growth', metric: { kind: 'eventCount', event: 'Report Created' }, percent: 20, period: 'month' }, 'Report Created up ≥ 20% month over month'],
    [{ kind: 'inactivity', days: 1 }, 'No activity for 1 day'],
    [{ kind: 'schedule', cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }, 'On schedule 0 9 * * 1 (Europe/Berlin)'],
    [{ kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 }, '60–90 days after closedWonAt'],
    [{ kind: 'relativeDate', trait: 'renewalDate', fromDays: -30, toDays: -7 }, '7–30 days before renewalDate'],
    [{ kind: 'crmChange', object: 'deal', field: 'stage', to: 'Closed Lost', where: { property: 'event.properties.amount', operator: 'gte', value: 10000 } }, 'Deal stage → Closed Lost where amount ≥ 10000'],
    [
      { kind: 'all', triggers: [{ kind: 'eventCount', event: 'User Invited', atLeast: 2, withinDays: 14 }, { kind: 'any', triggers: [{ kind: 'event', event: 'A' }, { kind: 'event', event: 'B' }] }] },
      'User Invited ≥ 2 in 14 days AND (A OR B)',
    ],
    [{ kind: 'any', triggers: [] }, 'Any of (nothing yet)'],
  ])('%j reads "%s"', (trigger, text) => {
    expect(describeTrigger(trigger)).toBe(text);
  });

  it('keeps long descriptions short', () => {
    const long = { kind: 'any', triggers: Array.from({ length: 20 }, (_, index) => ({ kind: 'event', event: `Event number ${index}` })) } as Trigger;
    expect(describeTrigger(long)).toHaveLength(140);
  });
});
