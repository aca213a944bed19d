import type { ComponentScoringModel } from '../model/types';
import { defaultTiers } from './tiers';

/** Event names the default PQL model reads; the synthetic generator and the demo emit them. */
export const PQL_EVENTS = {
  featureUsed: 'Feature Used',
  sessionEnded: 'Session Ended',
  collaboration: ['Comment Added', 'Item Shared', 'User Mentioned'],
} as const;

/** Account traits the default PQL model reads. */
export const PQL_TRAITS = {
  seats: 'seats',
  activeIntegrations: 'active_integrations',
  usage: 'usage',
  usageLimit: 'usage_limit',
} as const;

/**
 * The 7-factor PQL model of ../shared/domain/001_*.txt: weights 20/15/15/10/10/15/15 and each
 * factor's "threshold for full points" (points grow linearly up to it): >80 % of seats active weekly,
 * >5 advanced features, >30 min average session, >20 collaboration interactions per user per month,
 * >3 active integrations, >10 % month-over-month user growth, within 20 % of the plan limit (usage at
 * 80 % of it, or over it). Tiers: Low 0–40 monitor, Medium 41–70 nurture, High 71–100 escalate.
 */
export function pqlComponentModel(): ComponentScoringModel {
  return {
    schemaVersion: 1,
    id: 'pql-7-factor',
    version: 1,
    name: 'PQL score (7 factors)',
    description: 'Product-qualified lead score of an account from usage, depth, organisation growth and billing signals.',
    kind: 'components',
    components: [
      {
        id: 'weekly-active-users',
        name: 'Weekly active users',
        metric: { kind: 'activeUsersRatio', windowDays: 7, denominatorTrait: PQL_TRAITS.seats },
        fullPointsAt: 80,
        weight: 20,
        rationale: 'Unique active people per week relative to seat count; full points at 80 % of seats.',
      },
      {
        id: 'feature-depth',
        name: 'Feature depth score',
        metric: {
          kind: 'distinctPropertyValues',
          event: PQL_EVENTS.featureUsed,
          where: { property: 'event.properties.advanced', operator: 'eq', value: true },
          property: 'feature',
          windowDays: 30,
        },
        fullPointsAt: 5,
        weight: 15,
        rationale: 'Adoption of premium or advanced features; full points at 5 features.',
      },
      {
        id: 'session-duration',
        name: 'Session duration',
        metric: { kind: 'averageProperty', event: PQL_EVENTS.sessionEnded, property: 'duration_minutes', windowDays: 30 },
        fullPointsAt: 30,
        weight: 15,
        rationale: 'Average minutes per session; full points at 30 minutes.',
      },
      {
        id: 'collaboration',
        name: 'Collaboration signals',
        metric: {
          kind: 'eventsPerActiveUser',
          where: { property: 'event.name', operator: 'in', value: [...PQL_EVENTS.collaboration] },
          windowDays: 30,
        },
        fullPointsAt: 20,
        weight: 10,
        rationale: 'Shares, comments and mentions per active user per month; full points at 20.',
      },
      {
        id: 'integrations',
        name: 'Integration usage',
        metric: { kind: 'trait', trait: PQL_TRAITS.activeIntegrations },
        fullPointsAt: 3,
        weight: 10,
        rationale: 'Connections to external tools (CRM, email); full points at 3 active integrations.',
      },
      {
        id: 'org-expansion',
        name: 'Org expansion rate',
        metric: { kind: 'activeUsersGrowth', windowDays: 30 },
        fullPointsAt: 10,
        weight: 15,
        rationale: 'Month-over-month growth in active people; full points at 10 %.',
      },
      {
        id: 'billing-proximity',
        name: 'Billing proximity',
        metric: { kind: 'traitRatio', numeratorTrait: PQL_TRAITS.usage, denominatorTrait: PQL_TRAITS.usageLimit },
        fullPointsAt: 80,
        weight: 15,
        rationale: 'Usage as a percentage of the plan limit; full points within 20 % of the limit or in overage.',
      },
    ],
    tiers: defaultTiers(),
  };
}
