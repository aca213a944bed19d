import type { ActionStep, BusinessHours, Filter, WaitForEventStep } from '../dsl/types';

/**
 * Step shapes the sample playbooks share, so a template reads as its flow rather than as repeated
 * step boilerplate, and the SLA timers mean the same thing in every playbook that has one.
 */

/** The connection every workspace gets (seeded): the sample emails go through it. */
export const DEFAULT_EMAIL_CONNECTION = 'default-email';

/** The account as the team calls it: its name trait, else its id. */
export const ACCOUNT_NAME = '{{ account.traits.name | default: account.id }}';

/** The greeting of every email to the person (their first name when known). */
export const GREETING = 'Hi {{ person.traits.firstName | default: "there" }},';

/** Touches to a person go out on weekday mornings in their time zone (the `timezone` trait, else UTC). */
export const WEEKDAY_MORNING: BusinessHours = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 12 };

/**
 * "CRM Task Completed" is the event a CRM connector reports when a task closes (or any source
 * sending it to /v1/track for a member of the account), with `taskType` telling which task.
 */
export const CRM_TASK_COMPLETED = 'CRM Task Completed';

function taskCompleted(taskType: string): Filter {
  return { property: 'event.properties.taskType', operator: 'eq', value: taskType };
}

/**
 * An SLA timer: waits for the CRM task of `taskType` to be completed, at most `timeout`. Done in
 * time, the step leaves by "received"; the timeout leaves by the unnamed port (the escalation).
 */
export function awaitCrmTask(label: string, taskType: string, timeout: string): WaitForEventStep {
  return { kind: 'waitForEvent', label, event: { name: CRM_TASK_COMPLETED, where: taskCompleted(taskType) }, timeout };
}

/** An email through the default connection; `lines` are joined into the plain-text body. */
export function email(label: string, to: string, subject: string, lines: string[]): ActionStep {
  return { kind: 'action', label, connector: 'email', action: 'send', connection: DEFAULT_EMAIL_CONNECTION, input: { to, subject, text: lines.join('\n') } };
}

/** An email to the enrolled person, opening with the greeting. */
export function emailToPerson(label: string, subject: string, lines: string[]): ActionStep {
  return email(label, '{{ person.traits.email }}', subject, [GREETING, '', ...lines]);
}

/** The sales manager of the account (its `salesManagerEmail` trait, else the managers' list). */
export const SALES_MANAGER = '{{ account.traits.salesManagerEmail | default: "sales-managers@example.com" }}';
