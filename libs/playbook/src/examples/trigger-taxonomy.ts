import type { Enrollment, Trigger } from '../dsl/types';

/** One row of a domain trigger table, written as a Tripline trigger. */
export interface TaxonomyTrigger {
  id: string;
  /** The row as the domain material states it. */
  row: string;
  subject: Enrollment['subject'];
  trigger: Trigger;
  /** How the row's words were read where they leave room. */
  reading?: string;
}

/**
 * The expansion trigger taxonomy (PLG trigger system design: usage thresholds, feature adoption,
 * multi-user growth, billing anomalies, engagement milestones), the PQL tier escalation, and the
 * win-loss outreach triggers (CRM stage changes and the 60–90 day midpoint check-in).
 */
export const TRIGGER_TAXONOMY: readonly TaxonomyTrigger[] = [
  {
    id: 'usage-threshold',
    row: 'Daily active users (DAU) exceeding 150% of plan baseline for 7 consecutive days',
    subject: 'account',
    trigger: {
      kind: 'baselineRatio',
      metric: { kind: 'activeUsers' },
      baseline: { trait: 'planDauBaseline' },
      percent: 150,
      consecutiveDays: 7,
    },
    reading: 'the plan baseline is the account trait planDauBaseline; a day counts when its DAU is ≥ 150 % of it',
  },
  {
    id: 'feature-adoption',
    row: 'Utilization of advanced features by 3+ power users (10+ sessions/week) within 30 days post-onboarding',
    subject: 'account',
    trigger: {
      kind: 'distinctUsers',
      event: 'Feature Used',
      where: { property: 'event.properties.advanced', operator: 'eq', value: true },
      atLeast: 3,
      withinDays: 30,
      perUser: { event: 'Session Started', atLeast: 10, withinDays: 7 },
    },
    reading: 'a power user had 10+ sessions within some 7 days of the last 30',
  },
  {
    id: 'multi-user-growth',
    row: '2+ admin invites and 5+ new user activations in 14 days',
    subject: 'account',
    trigger: {
      kind: 'all',
      triggers: [
        {
          kind: 'eventCount',
          event: 'User Invited',
          where: { property: 'event.properties.inviterRole', operator: 'eq', value: 'admin' },
          atLeast: 2,
          withinDays: 14,
        },
        { kind: 'distinctUsers', event: 'User Activated', atLeast: 5, withinDays: 14 },
      ],
    },
  },
  {
    id: 'billing-anomaly',
    row: 'Overage fees surpassing $500/month or failed payments',
    subject: 'account',
    trigger: {
      kind: 'any',
      triggers: [
        // "Surpassing" is strict: one cent over $500.
        { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500.01, withinDays: 30 },
        { kind: 'event', event: 'Payment Failed' },
      ],
    },
    reading: 'a month is the last 30 days',
  },
  {
    id: 'engagement-milestone',
    row: 'Completion of 80% of onboarding checklist plus 20% month-over-month growth in custom reports generated',
    subject: 'account',
    trigger: {
      kind: 'all',
      triggers: [
        {
          kind: 'eventCount',
          event: 'Onboarding Progressed',
          where: { property: 'event.properties.percentComplete', operator: 'gte', value: 80 },
          atLeast: 1,
          withinDays: 90,
        },
        {
          kind: 'growth',
          metric: { kind: 'eventCount', event: 'Report Created', where: { property: 'event.properties.custom', operator: 'eq', value: true } },
          percent: 20,
          period: 'month',
        },
      ],
    },
    reading: 'checklist progress is reported by an "Onboarding Progressed" event within the last 90 days; growth compares calendar months',
  },
  {
    id: 'pql-escalate',
    row: 'High score (71-100) with clear expansion opportunity escalates to AE/CS',
    subject: 'account',
    trigger: { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' },
  },
  {
    id: 'pql-tier-high',
    row: 'PQL tier changes to High (escalate)',
    subject: 'account',
    trigger: { kind: 'tierChange', model: 'pql', to: 'High' },
  },
  {
    id: 'balanced-usage-and-score',
    row: 'Balanced: DAU >150% for 7 days + feature score >70',
    subject: 'account',
    trigger: {
      kind: 'all',
      triggers: [
        { kind: 'baselineRatio', metric: { kind: 'activeUsers' }, baseline: { trait: 'planDauBaseline' }, percent: 150, consecutiveDays: 7 },
        { kind: 'scoreThreshold', model: 'pql', threshold: 71, direction: 'up' },
      ],
    },
    reading: 'scores are whole numbers here, so "> 70" is "≥ 71"',
  },
  {
    id: 'activation-stalled',
    row: 'Monitor activation: 0 meaningful actions in 48 hours',
    subject: 'person',
    trigger: { kind: 'inactivity', days: 2 },
  },
  {
    id: 'weekly-review',
    row: 'Weekly pipeline review of accounts (scheduled)',
    subject: 'account',
    trigger: { kind: 'schedule', cron: '0 9 * * 1', timeZone: 'America/New_York' },
  },
  {
    id: 'win-loss-lost-deal',
    row: 'Lost deal: Stage → Closed Lost; deal size ≥ $10K ACV · loss reason empty',
    subject: 'person',
    trigger: {
      kind: 'crmChange',
      object: 'deal',
      field: 'stage',
      to: 'Closed Lost',
      where: {
        all: [
          { property: 'event.properties.amount', operator: 'gte', value: 10000 },
          { property: 'event.properties.lossReason', operator: 'notExists' },
        ],
      },
    },
  },
  {
    id: 'win-loss-won-deal',
    row: 'Won deal: Stage → Closed Won',
    subject: 'person',
    trigger: { kind: 'crmChange', object: 'deal', field: 'stage', to: 'Closed Won' },
  },
  {
    id: 'win-loss-midpoint',
    row: 'Midpoint: 60–90 days post-close (onboarding milestone date field)',
    subject: 'person',
    trigger: { kind: 'relativeDate', trait: 'closedWonAt', fromDays: 60, toDays: 90 },
  },
  {
    id: 'win-loss-churn',
    row: 'Churn: contract end / cancellation',
    subject: 'account',
    trigger: {
      kind: 'any',
      triggers: [
        { kind: 'crmChange', object: 'company', field: 'lifecycleStage', to: 'Churned' },
        { kind: 'relativeDate', trait: 'contractEndDate', fromDays: 0, toDays: 7 },
      ],
    },
  },
];
