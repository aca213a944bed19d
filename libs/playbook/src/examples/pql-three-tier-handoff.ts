import type { ActionStep, Playbook } from '../dsl/types';
import { ACCOUNT_NAME, awaitCrmTask, email, emailToPerson, SALES_MANAGER } from './shared-steps';

/**
 * The three-tier action matrix of the PQL guide (../shared/domain/001_*.txt) as one playbook:
 *
 * | tier | score | action | SLA |
 * |---|---|---|---|
 * | Low | 0–40 | automated in-app message ("Upgrade for more storage") | within 24 h: the run's first step |
 * | Medium | 41–70 | SDR outreach: value email, CRM call task, second touch | SDR follow-up within 48 h, else the manager is told |
 * | High | 71–100 | AE/CS escalation: urgent Slack alert and CRM task at once | joint call within 24 h, else the manager is told |
 *
 * Each SLA timer is a waitForEvent on the CRM's "task completed" event (as in sla-escalation.ts):
 * the task done in time ends the run (goal met), the timeout escalates.
 *
 * Routing: a run a tier change starts carries the score that moved (`score` in the evaluation
 * context: model, score, previous score, tier, previous tier), so the conditions read `score.tier` —
 * the tier names and boundaries are the model's own (default Low 0–40, Medium 41–70, High 71–100).
 * Tripline has no in-app messaging connector: the Low tier posts the message to the product's own
 * in-app messaging endpoint through a webhook connection named "in-app-messaging" (signed, with the
 * step's Idempotency-Key, so the product shows it once).
 */
export const PQL_IN_APP_CONNECTION = 'in-app-messaging';

const PQL_TIER = 'score.tier';
const COMPANY_ID = '{{ account.traits.hubspotCompanyId }}';
const PERSON_NAME = '{{ person.traits.firstName | default: person.traits.email }}';

const hubspotTask = (label: string, input: Record<string, unknown>): ActionStep => ({
  kind: 'action',
  label,
  connector: 'hubspot',
  action: 'createTask',
  connection: 'hubspot',
  input: { companyId: COMPANY_ID, taskType: 'CALL', ...input },
});

export const pqlThreeTierHandoff: Playbook = {
  schemaVersion: 1,
  id: 'pql-three-tier-handoff',
  version: 1,
  name: 'PQL three-tier handoff',
  description:
    'When an account changes PQL tier: Low (0–40) gets an in-app upgrade message, Medium (41–70) an SDR email sequence with a call due in 48 h, High (71–100) an urgent Slack alert and CRM task for the AE with a 24 h SLA; missed SLAs go to the sales manager.',
  trigger: { kind: 'tierChange', model: 'pql' },
  // A cooldown, not a lifetime: an account moving Low → Medium within a week is handed off once more.
  enrollment: { subject: 'account', reenroll: { afterDays: 7 } },
  start: 'is-high',
  nodes: {
    'is-high': { kind: 'condition', label: 'High tier (71–100)?', when: { property: PQL_TIER, operator: 'eq', value: 'High' } },
    'is-medium': { kind: 'condition', label: 'Medium tier (41–70)?', when: { property: PQL_TIER, operator: 'eq', value: 'Medium' } },

    // Low: the automated in-app message.
    'in-app-upgrade-prompt': {
      kind: 'action',
      label: 'In-app message: upgrade prompt',
      connector: 'webhook',
      action: 'send',
      connection: PQL_IN_APP_CONNECTION,
      input: {
        body: {
          type: 'in_app_message',
          userId: '{{ person.userId | default: person.id }}',
          accountId: '{{ account.groupId | default: account.id }}',
          title: 'Upgrade for more storage',
          message: 'Your team is close to what the {{ account.traits.plan | default: "current" }} plan allows. Upgrade to unlock unlimited users and more storage.',
          cta: { label: 'See plans', url: '{{ account.traits.upgradeUrl | default: "/settings/billing" }}' },
        },
      },
    },
    'low-done': { kind: 'end', label: 'In-app message sent' },

    // Medium: the SDR outreach playbook.
    'sdr-value-email': emailToPerson('SDR email 1: the value', `${PERSON_NAME}, what ${ACCOUNT_NAME} is getting out of your plan`, [
      "I'm {{ account.traits.sdrName | default: \"on the account team\" }}, and I look after teams like yours.",
      '{% if event.properties.feature %}Your team has been putting {{ event.properties.feature }} to work a lot lately. {% endif %}Teams at this stage usually get the most out of the higher tiers: advanced analytics, more integrations and unlimited users.',
      'Would a 15-minute call this week help? Reply with a time that suits you.',
    ]),
    'sdr-call-task': hubspotTask('CRM task: SDR call within 48 h', {
      subject: `Call ${PERSON_NAME} at ${ACCOUNT_NAME} (Medium PQL)`,
      body: `${ACCOUNT_NAME} entered the Medium PQL tier (score {{ score.score }}). The value email went out; call within 48 hours.`,
      priority: 'MEDIUM',
      dueInDays: 2,
    }),
    'await-sdr-follow-up': awaitCrmTask('SDR follow-up done (48 h SLA)', 'sdr_follow_up', '48h'),
    'sdr-second-touch': emailToPerson('SDR email 2: worth a call?', `Re: what ${ACCOUNT_NAME} is getting out of your plan`, [
      'Following up on my note: if a quick call is easier than email, reply with a time and I will send an invite.',
      'If now is not a good time, no worries.',
    ]),
    'sdr-sla-missed': email('Alert the sales manager (48 h SLA missed)', SALES_MANAGER, `SLA missed: no SDR follow-up with ${ACCOUNT_NAME} in 48 h`, [
      `${ACCOUNT_NAME} entered the Medium PQL tier 48 hours ago and its follow-up call task is still open.`,
      'The second email of the sequence went out; please reassign the call or make it yourself.',
    ]),
    'medium-escalated': { kind: 'end', label: 'SDR SLA escalated' },

    // High: the AE/CS escalation, Slack and CRM at the same time.
    'alert-ae': { kind: 'parallel', label: 'Alert the AE at once' },
    'slack-alert': {
      kind: 'action',
      label: 'Urgent Slack alert',
      connector: 'slack',
      action: 'postMessage',
      connection: 'slack',
      input: {
        channel: '{{ account.traits.aeSlackChannel | default: "#pql-alerts" }}',
        text: `:rotating_light: Urgent: ${ACCOUNT_NAME} is a High-tier PQL (score {{ score.score }}). Book the joint call (demo of the higher tiers) within 24 hours and complete the call task in the CRM.`,
      },
    },
    'ae-call-task': hubspotTask('CRM task: joint call within 24 h', {
      subject: `Joint call with ${ACCOUNT_NAME} within 24 h (High PQL)`,
      body: `${ACCOUNT_NAME} entered the High PQL tier (score {{ score.score }}) with a clear expansion opportunity. Demo the higher tiers.`,
      priority: 'HIGH',
      dueInDays: 1,
    }),
    'ae-alerted': { kind: 'join', label: 'AE alerted' },
    'await-ae-call': awaitCrmTask('Joint call done (24 h SLA)', 'ae_call', '24h'),
    'ae-sla-missed': email('Ask the manager to reassign (24 h SLA missed)', SALES_MANAGER, `SLA missed: no AE call with ${ACCOUNT_NAME} in 24 h`, [
      `${ACCOUNT_NAME} entered the High PQL tier 24 hours ago and the joint call has not happened.`,
      'Please reassign the account to an available AE.',
    ]),
    'high-escalated': { kind: 'end', label: 'AE SLA escalated' },
  },
  edges: [
    { from: 'is-high', to: 'alert-ae', port: 'yes' },
    { from: 'is-high', to: 'is-medium', port: 'no' },
    { from: 'is-medium', to: 'sdr-value-email', port: 'yes' },
    { from: 'is-medium', to: 'in-app-upgrade-prompt', port: 'no' },

    { from: 'in-app-upgrade-prompt', to: 'low-done' },

    { from: 'sdr-value-email', to: 'sdr-call-task' },
    { from: 'sdr-call-task', to: 'await-sdr-follow-up' },
    { from: 'await-sdr-follow-up', to: 'sdr-second-touch' },
    { from: 'sdr-second-touch', to: 'sdr-sla-missed' },
    { from: 'sdr-sla-missed', to: 'medium-escalated' },

    { from: 'alert-ae', to: 'slack-alert' },
    { from: 'alert-ae', to: 'ae-call-task' },
    { from: 'slack-alert', to: 'ae-alerted' },
    { from: 'ae-call-task', to: 'ae-alerted' },
    { from: 'ae-alerted', to: 'await-ae-call' },
    { from: 'await-ae-call', to: 'ae-sla-missed' },
    { from: 'ae-sla-missed', to: 'high-escalated' },
  ],
  layout: {
    'is-high': { x: 0, y: 0 },
    'is-medium': { x: 360, y: 160 },
    'in-app-upgrade-prompt': { x: 600, y: 320 },
    'low-done': { x: 600, y: 480 },
    'sdr-value-email': { x: 240, y: 320 },
    'sdr-call-task': { x: 240, y: 480 },
    'await-sdr-follow-up': { x: 240, y: 640 },
    'sdr-second-touch': { x: 240, y: 800 },
    'sdr-sla-missed': { x: 240, y: 960 },
    'medium-escalated': { x: 240, y: 1120 },
    'alert-ae': { x: -240, y: 160 },
    'slack-alert': { x: -360, y: 320 },
    'ae-call-task': { x: -120, y: 320 },
    'ae-alerted': { x: -240, y: 480 },
    'await-ae-call': { x: -240, y: 640 },
    'ae-sla-missed': { x: -240, y: 800 },
    'high-escalated': { x: -240, y: 960 },
  },
};
