import type { Playbook, Trigger } from '../dsl/types';
import { emailToPerson, WEEKDAY_MORNING } from './shared-steps';
import { TRIGGER_TAXONOMY } from './trigger-taxonomy';

const taxonomyTrigger = (id: string): Trigger => {
  const row = TRIGGER_TAXONOMY.find((each) => each.id === id);
  if (!row) throw new Error(`No trigger taxonomy row '${id}'`);
  return row.trigger;
};

/** The event the product sends when an account's metered usage passes a share of its plan limit. */
export const USAGE_LIMIT_APPROACHED = 'Usage Limit Approached';

/**
 * Usage-based upsell ("triggered when a user's usage exceeds the limits of their current plan",
 * ../shared/domain/000_*.txt), on the numeric thresholds of the trigger taxonomy (001_*.txt):
 * - DAU above 150 % of the plan baseline for 7 consecutive days (the taxonomy's usage-threshold row);
 * - overage fees surpassing $500 within a month (the upsell half of its billing-anomaly row: failed
 *   payments are a retention matter, not an upsell);
 * - proximity to the plan limit: usage at 80 % of it or more (the PQL model's billing-proximity
 *   factor gives full points there), reported by the product as "Usage Limit Approached".
 * The user whose activity tipped it gets the upgrade email on a weekday morning; without an upgrade
 * within 7 days, the AE offers a call ("if no response in 7 days, escalate to AE call scheduling").
 */
export const usageBasedUpsell: Playbook = {
  schemaVersion: 1,
  id: 'usage-based-upsell',
  version: 1,
  name: 'Usage-based upsell',
  description:
    'Accounts outgrowing their plan (DAU over 150% of the plan baseline for 7 days, overage over $500 in a month, or usage at 80% of the plan limit) get an upgrade email, then an AE call offer if they have not upgraded within 7 days.',
  trigger: {
    kind: 'any',
    triggers: [
      taxonomyTrigger('usage-threshold'),
      // "Surpassing" is strict: one cent over $500.
      { kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500.01, withinDays: 30 },
      { kind: 'event', event: USAGE_LIMIT_APPROACHED, where: { property: 'event.properties.percentOfLimit', operator: 'gte', value: 80 } },
    ],
  },
  // The guardrail of the trigger guide: one upsell trigger per account per 30 days.
  enrollment: { subject: 'account', reenroll: { afterDays: 30 } },
  start: 'has-email',
  nodes: {
    'has-email': { kind: 'condition', label: 'Has an email address?', when: { property: 'person.traits.email', operator: 'exists' } },
    'offer-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    'upgrade-email': emailToPerson('Upgrade suggestion', 'Your team has outgrown the {{ account.traits.plan | default: "current" }} plan', [
      '{% if event.name == "Overage Charged" %}Your overage charges this month have passed $500: a higher tier includes that usage for less than you are paying on top of your plan now.' +
        '{% elsif event.name == "Usage Limit Approached" %}Your team is at {{ event.properties.percentOfLimit }}% of the plan limit. Upgrading now means nobody gets blocked when you reach it.' +
        '{% else %}{{ account.traits.name | default: "Your team" }} has had more than 1.5 times the daily active users your plan is sized for, seven days in a row.{% endif %}',
      '',
      'The next tier gives you unlimited users, more storage and the advanced analytics dashboard. You can upgrade in a minute from the billing page: {{ account.traits.upgradeUrl | default: "Settings → Billing" }}.',
      'Reply to this email if you would like a quote for an annual plan.',
    ]),
    'await-upgrade': { kind: 'waitForEvent', label: 'Upgraded within 7 days?', event: { name: 'Plan Upgraded' }, timeout: '7d' },
    'call-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    'ae-call-offer': emailToPerson('AE call offer', 'A 15-minute call about the right plan for {{ account.traits.name | default: "your team" }}?', [
      "I'm {{ account.traits.aeName | default: \"your account executive\" }}. Your usage keeps growing, and I would like to make sure you are on the plan that fits it, with no surprise overage.",
      'Could we take 15 minutes this week? I can walk you through the higher tiers and what they would cost for your team. Reply with a time that suits you.',
    ]),
    upgraded: { kind: 'end', label: 'Upgraded' },
    done: { kind: 'end', label: 'Call offered' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'offer-hours', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'offer-hours', to: 'upgrade-email' },
    { from: 'upgrade-email', to: 'await-upgrade' },
    { from: 'await-upgrade', to: 'upgraded', port: 'received' },
    { from: 'await-upgrade', to: 'call-hours' },
    { from: 'call-hours', to: 'ae-call-offer' },
    { from: 'ae-call-offer', to: 'done' },
  ],
};
