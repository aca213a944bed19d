import { describeTrigger } from '../triggers/describe-trigger';
import { end, playbookWith } from '../test-support/playbook-builder';
import { validate } from '../validate/validate';
import { TRIGGER_TAXONOMY } from './trigger-taxonomy';

describe('the trigger taxonomy as triggers', () => {
  it.each(TRIGGER_TAXONOMY.map((row) => [row.id, row] as const))('%s validates', (_id, row) => {
    const playbook = playbookWith({ done: end }, [], { trigger: row.trigger, enrollment: { subject: row.subject, reenroll: 'never' } });
    expect(validate(JSON.parse(JSON.stringify(playbook)))).toEqual({ ok: true, problems: [] });
  });

  it('covers every row of the domain tables with the numbers they state', () => {
    expect(Object.fromEntries(TRIGGER_TAXONOMY.map((row) => [row.id, describeTrigger(row.trigger)]))).toEqual({
      'usage-threshold': 'Daily active users ≥ 150% of planDauBaseline for 7 days in a row',
      'feature-adoption': '≥ 3 power users (Session Started ≥ 10 in 7 days) did Feature Used where advanced = true in 30 days',
      'multi-user-growth': 'User Invited where inviterRole = admin ≥ 2 in 14 days AND ≥ 5 people did User Activated in 14 days',
      'billing-anomaly': 'Sum of amount on Overage Charged ≥ 500.01 in 30 days OR Payment Failed',
      'engagement-milestone': 'Onboarding Progressed where percentComplete ≥ 80 ≥ 1 in 90 days AND Report Created where custom = true up ≥ 20% month over month',
      'pql-escalate': 'Score ≥ 71 crossing up (model pql)',
      'pql-tier-high': 'Tier → High (model pql)',
      'balanced-usage-and-score': 'Daily active users ≥ 150% of planDauBaseline for 7 days in a row AND Score ≥ 71 crossing up (model pql)',
      'activation-stalled': 'No activity for 2 days',
      'weekly-review': 'On schedule 0 9 * * 1 (America/New_York)',
      'win-loss-lost-deal': 'Deal stage → Closed Lost where amount ≥ 10000 AND lossReason is unknown',
      'win-loss-won-deal': 'Deal stage → Closed Won',
      'win-loss-midpoint': '60–90 days after closedWonAt',
      'win-loss-churn': 'Company lifecycleStage → Churned OR 0–7 days after contractEndDate',
    });
  });
});
