import type { Filter, Playbook, WaitForEventStep } from '../dsl/types';

/**
 * SLA timers of the three-tier PQL action matrix (domain material: "Automated actions within 1 hour
 * of signal detection; SDR follow-up within 48 hours; AE/CS escalation within 24 hours"). Each SLA is
 * a waitForEvent on the CRM's "task completed" event with the SLA as its timeout: the task done in
 * time leaves by "received", where no edge leads on (the goal is met: the run exits); the timeout
 * leaves by the unnamed port to an escalation, sent once (the side-effect ledger).
 *
 * - Low tier (automated action within 1 h): needs no timer. The automated action is the run's first
 *   step, started as soon as the firing is dispatched (seconds; see docs/benchmarks.md).
 * - The CRM task itself and the Slack alert come with the HubSpot/Salesforce and Slack connectors
 *   (later issues); until then the owner is told by email and the escalation is an email to the
 *   manager. Swapping the action steps keeps the timers as they are.
 * - "CRM Task Completed" is the event a CRM connector reports when the task closes (or any source
 *   sending it to /v1/track for a member of the account), with `taskType` telling which task.
 */
export const CRM_TASK_COMPLETED = 'CRM Task Completed';

function taskCompleted(taskType: string): Filter {
  return { property: 'event.properties.taskType', operator: 'eq', value: taskType };
}

function awaitTask(label: string, taskType: string, timeout: string): WaitForEventStep {
  return { kind: 'waitForEvent', label, event: { name: CRM_TASK_COMPLETED, where: taskCompleted(taskType) }, timeout };
}

const email = (label: string, to: string, subject: string, text: string[]) =>
  ({ kind: 'action', label, connector: 'email', action: 'send', connection: 'default-email', input: { to, subject, text: text.join('\n') } }) as const;

const ACCOUNT = '{{ account.traits.name | default: account.id }}';

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
    'await-follow-up': awaitTask('SDR follow-up done (48 h SLA)', 'sdr_follow_up', '48h'),
    'escalate-to-manager': email(
      'Alert the sales manager',
      '{{ account.traits.salesManagerEmail | default: "sales-managers@example.com" }}',
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
    'await-call': awaitTask('Joint call done (24 h SLA)', 'ae_call', '24h'),
    'escalate-to-manager': email(
      'Ask the manager to reassign',
      '{{ account.traits.salesManagerEmail | default: "sales-managers@example.com" }}',
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

/** The SLA samples. Not in EXAMPLE_PLAYBOOKS: their emails go to the sales team, not to the person. */
export const SLA_PLAYBOOKS: readonly Playbook[] = [sdrFollowUpSla, aeEscalationSla];
