/**
 * What the palette offers, grouped the way RevOps think about a playbook. Steps are DSL steps with
 * sensible defaults; Outreach items are action steps preset to a connector action (the names are the
 * connectors' own: `email.send`, `hubspot.createTask`, `hubspot.updateContactProperties`,
 * `slack.postMessage`, `webhook.send`). Triggers replace the playbook's one trigger.
 */
import type { Step, Trigger } from '@tripline/playbook';
import { defaultStep } from '../operations/default-steps';

export type PaletteGroup = 'Triggers' | 'Scoring' | 'Logic' | 'Approvals' | 'Outreach';
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['Triggers', 'Scoring', 'Logic', 'Approvals', 'Outreach'];

/** What the workspace offers the defaults: a scoring model to preselect, when it has one. */
export interface PaletteContext {
  scoringModel?: string;
}

interface PaletteItemBase {
  id: string;
  group: PaletteGroup;
  label: string;
  /** One line saying what it does (the item's accessible description). */
  hint: string;
}

export interface StepPaletteItem extends PaletteItemBase {
  type: 'step';
  /** What the new node's id is named after: "email" → "email-1". */
  idBase: string;
  step: (context: PaletteContext) => Step;
}

export interface TriggerPaletteItem extends PaletteItemBase {
  type: 'trigger';
  trigger: (context: PaletteContext) => Trigger;
}

export type PaletteItem = StepPaletteItem | TriggerPaletteItem;

const firstName = '{{ person.traits.firstName | default: "there" }}';
/** Where the person's HubSpot contact id is expected: a trait synced from the CRM. */
const hubspotContactId = '{{ person.traits.hubspotContactId }}';

const step = (id: string, group: PaletteGroup, label: string, hint: string, idBase: string, make: (context: PaletteContext) => Step): StepPaletteItem => ({
  id,
  group,
  label,
  hint,
  type: 'step',
  idBase,
  step: make,
});

const trigger = (id: string, label: string, hint: string, make: (context: PaletteContext) => Trigger): TriggerPaletteItem => ({
  id,
  group: 'Triggers',
  label,
  hint,
  type: 'trigger',
  trigger: make,
});

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  trigger('trigger-event', 'Product event', 'Starts when a track event arrives', () => ({ kind: 'event', event: 'Demo Requested' })),
  trigger('trigger-score', 'Score threshold', 'Starts when a score crosses a threshold', ({ scoringModel }) => ({
    kind: 'scoreThreshold',
    model: scoringModel ?? '',
    threshold: 71,
    direction: 'up',
  })),
  trigger('trigger-tier', 'Tier change', 'Starts when a subject enters a tier', ({ scoringModel }) => ({ kind: 'tierChange', model: scoringModel ?? '', to: 'High' })),
  trigger('trigger-count', 'Event count', 'Starts when an event happens often enough', () => ({ kind: 'eventCount', event: 'Feature Used', atLeast: 5, withinDays: 7 })),
  trigger('trigger-inactivity', 'Inactivity', 'Starts when nothing happens for a while', () => ({ kind: 'inactivity', days: 14 })),
  trigger('trigger-schedule', 'Schedule', 'Starts on a cron schedule', () => ({ kind: 'schedule', cron: '0 9 * * 1', timeZone: 'UTC' })),
  trigger('trigger-crm', 'CRM change', 'Starts when a CRM field changes', () => ({ kind: 'crmChange', object: 'deal', field: 'dealstage', to: 'closedlost' })),

  step('score-read', 'Scoring', 'Read score', 'Reads the current score and tier', 'score', ({ scoringModel }) => ({ kind: 'score', label: 'Read the score', model: scoringModel ?? '' })),
  step('score-adjust', 'Scoring', 'Adjust score', 'Adds points to the score', 'adjust-score', ({ scoringModel }) => ({
    kind: 'score',
    label: 'Adjust the score',
    model: scoringModel ?? '',
    adjust: 10,
  })),

  step('condition', 'Logic', 'Condition', 'Branches on yes / no', 'condition', () => defaultStep('condition')),
  step('split', 'Logic', 'Split', 'Splits people between variants', 'split', () => defaultStep('split')),
  step('wait', 'Logic', 'Wait', 'Waits for a while', 'wait', () => defaultStep('wait')),
  step('wait-for-event', 'Logic', 'Wait for event', 'Waits until an event or a timeout', 'wait-for-event', () => defaultStep('waitForEvent')),
  step('parallel', 'Logic', 'Parallel', 'Runs branches at the same time', 'parallel', () => defaultStep('parallel')),
  step('join', 'Logic', 'Join', 'Waits for every parallel branch', 'join', () => defaultStep('join')),
  step('end', 'Logic', 'End', 'Ends the run', 'end', () => defaultStep('end')),

  step('approval', 'Approvals', 'Approval', 'Waits for a person to approve', 'approval', () => defaultStep('approval')),

  step('email', 'Outreach', 'Email', 'Sends an email', 'email', () => ({
    kind: 'action',
    label: 'Send an email',
    connector: 'email',
    action: 'send',
    connection: 'default-email',
    input: {
      to: '{{ person.traits.email }}',
      subject: `Hello ${firstName}`,
      text: `Hi ${firstName},\n\n…\n\nThe team`,
    },
  })),
  step('crm-task', 'Outreach', 'CRM task', 'Creates a HubSpot task for the owner', 'crm-task', () => ({
    kind: 'action',
    label: 'Create a CRM task',
    connector: 'hubspot',
    action: 'createTask',
    connection: 'hubspot',
    input: { subject: 'Follow up with {{ person.traits.email }}', contactId: hubspotContactId, dueInDays: 1, priority: 'HIGH' },
  })),
  step('crm-update', 'Outreach', 'CRM update', 'Updates HubSpot contact properties', 'crm-update', () => ({
    kind: 'action',
    label: 'Update the CRM contact',
    connector: 'hubspot',
    action: 'updateContactProperties',
    connection: 'hubspot',
    input: { contactId: hubspotContactId, properties: { lifecyclestage: 'salesqualifiedlead' } },
  })),
  step('slack', 'Outreach', 'Slack message', 'Posts to a Slack channel', 'slack', () => ({
    kind: 'action',
    label: 'Alert on Slack',
    connector: 'slack',
    action: 'postMessage',
    connection: 'slack',
    input: { channel: '#pql-alerts', text: '{{ person.traits.email }} is ready for sales' },
  })),
  step('webhook', 'Outreach', 'Webhook', 'Sends signed JSON to a URL', 'webhook', () => ({
    kind: 'action',
    label: 'Call a webhook',
    connector: 'webhook',
    action: 'send',
    connection: 'webhook',
    input: { body: { person: '{{ person.id }}', email: '{{ person.traits.email }}' } },
  })),
];

export const paletteItem = (id: string): PaletteItem | undefined => PALETTE_ITEMS.find((item) => item.id === id);
