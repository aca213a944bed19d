import type { Playbook } from '../dsl/types';
import { pqlThreeTierHandoff } from './pql-three-tier-handoff';
import { ACCOUNT_NAME, awaitCrmTask, CRM_TASK_COMPLETED, email, SALES_MANAGER } from './shared-steps';

/**
 * SLA timers of the three-tier PQL action matrix (domain material: "Automated actions within 1 hour
 * of signal detection; SDR follow-up within 48 hours; AE/CS escalation within 24 hours"). Each SLA is
 * a waitForEvent on the CRM's "task completed" event with the SLA as its timeout: the task done in
 * time leaves by "received", where no edge leads on (the goal is met: the run exits); the timeout
 * leaves by the unnamed port to an escalation, sent once (the side-effect ledger).
 *
 * - Low tier (automated action within 1 h): needs no timer. The automated action is the run's first
 *   step, started as soon as the firing is dispatched (seconds; see docs/benchmarks.md).
 * - These two tell the owner and the manager by email, so they run with nothing but the seeded email
 *   connection. The three tiers in one playbook, with the HubSpot task and the Slack alert on the
 *   same timers, is pql-three-tier-handoff.ts.
 */
export { CRM_TASK_COMPLETED };

const ACCOUNT = ACCOUNT_NAME;

/** Medium tier (41–70): the SDR follows up within 48 hours, or their manager is told. */
export const sdrFollowUpSla: Playbook = {
  schemaVersion: 1,
  id: 'sdr-follow-up-sla',
  version: 1,
  name: 'SDR follow-up within 48 h',
  description: 'An account enters the Medium PQL tier: the SDR is asked to follow up; if the follow-up task is not completed within 48 hours, the sales manager is alerted.',
  trigger: { kind: 'tierChange', model: 'pql', to: 'Medium' },
  enrollment: { subject: 'account', reenroll: { afterDays: 30 } },
  start: 'notify-sdr',
  nodes: {
    'notify-sdr': email('Ask the SDR to follow up', '{{ account.traits.sdrEmail | default: "sdr-team@example.com" }}', `Follow up with ${ACCOUNT} within 48 h`, [
      `${ACCOUNT} has entered the Medium PQL tier.`,
      'Reach out with the value email sequence and a call within 48 hours, then complete the follow-up task in the CRM.',
    ]),
    'await-follow-up': awaitCrmTask('SDR follow-up done (48 h SLA)', 'sdr_follow_up', '48h'),
    'escalate-to-manager': email(
      'Alert the sales manager',
      SALES_MANAGER,
      `SLA missed: no SDR follow-up with ${ACCOUNT} in 48 h`,
      [`${ACCOUNT} entered the Medium PQL tier 48 hours ago and its follow-up task is still open.`, 'Please reassign it or follow up yourself.'],
    ),
    escalated: { kind: 'end', label: 'Escalated' },
  },
  edges: [
    { from: 'notify-sdr', to: 'await-follow-up' },
    { from: 'await-follow-up', to: 'escalate-to-manager' },
    { from: 'escalate-to-manager', to: 'escalated' },
  ],
  layout: {
    'notify-sdr': { x: 0, y: 0 },
    'await-follow-up': { x: 0, y: 160 },
    'escalate-to-manager': { x: 160, y: 320 },
    escalated: { x: 160, y: 480 },
  },
};

/** High tier (71–100): the AE books the joint call within 24 hours, or the account is escalated. */
export const aeEscalationSla: Playbook = {
  schemaVersion: 1,
  id: 'ae-escalation-sla',
  version: 1,
  name: 'AE escalation within 24 h',
  description: 'An account enters the High PQL tier: the AE is alerted at once; if the joint-call task is not completed within 24 hours, the sales manager is asked to reassign it.',
  trigger: { kind: 'tierChange', model: 'pql', to: 'High' },
  enrollment: { subject: 'account', reenroll: { afterDays: 30 } },
  start: 'alert-ae',
  nodes: {
    'alert-ae': email('Alert the AE (urgent)', '{{ account.traits.aeEmail | default: "account-executives@example.com" }}', `Urgent: ${ACCOUNT} is a High-tier PQL`, [
      `${ACCOUNT} has entered the High PQL tier with a clear expansion opportunity.`,
      'Book the joint call (demo of the higher tiers) within 24 hours and complete the call task in the CRM.',
    ]),
    'await-call': awaitCrmTask('Joint call done (24 h SLA)', 'ae_call', '24h'),
    'escalate-to-manager': email(
      'Ask the manager to reassign',
      SALES_MANAGER,
      `SLA missed: no AE call with ${ACCOUNT} in 24 h`,
      [`${ACCOUNT} entered the High PQL tier 24 hours ago and the joint call has not happened.`, 'Please reassign the account to an available AE.'],
    ),
    escalated: { kind: 'end', label: 'Escalated' },
  },
  edges: [
    { from: 'alert-ae', to: 'await-call' },
    { from: 'await-call', to: 'escalate-to-manager' },
    { from: 'escalate-to-manager', to: 'escalated' },
  ],
  layout: {
    'alert-ae': { x: 0, y: 0 },
    'await-call': { x: 0, y: 160 },
    'escalate-to-manager': { x: 160, y: 320 },
    escalated: { x: 160, y: 480 },
  },
};

/**
 * The sales-team samples of the PQL action matrix: the three tiers in one playbook (Slack, CRM tasks,
 * the in-app message webhook) and the two SLA timers on their own. Not in EXAMPLE_PLAYBOOKS: their
 * actions go to the sales team (or the product), not to the person. The template gallery offers both.
 */
export const SLA_PLAYBOOKS: readonly Playbook[] = [pqlThreeTierHandoff, sdrFollowUpSla, aeEscalationSla];
