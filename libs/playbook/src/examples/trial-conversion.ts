import type { Playbook } from '../dsl/types';

/**
 * Free trial to paid: a week into the trial, accounts in the High PQL tier (score 71–100) get a
 * discount offer once a sales manager approves it; the rest get feature tips, with an A/B test
 * of the subject line.
 */
export const trialConversion: Playbook = {
  schemaVersion: 1,
  id: 'trial-conversion',
  version: 1,
  name: 'Free trial conversion',
  description: 'Seven days into a trial, escalate high-scoring accounts to an approved discount offer and nurture the rest.',
  trigger: { kind: 'event', event: 'Trial Started' },
  enrollment: { subject: 'account', reenroll: 'never' },
  start: 'wait-a-week',
  nodes: {
    'wait-a-week': {
      kind: 'wait',
      label: 'A week into the trial',
      for: '7d',
      until: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
    },
    'high-tier': {
      kind: 'condition',
      label: 'High PQL tier?',
      when: {
        all: [
          { property: 'account.traits.pqlScore', operator: 'gte', value: 71 },
          { property: 'person.traits.email', operator: 'exists' },
        ],
      },
    },
    'approve-offer': {
      kind: 'approval',
      label: 'Manager approves the discount',
      // Workspace roles: approvers decide; after two days without a decision, admins do.
      assignees: { roles: ['approver'] },
      timeout: '2d',
      escalateTo: { roles: ['admin'] },
      onTimeout: 'reject',
    },
    'send-offer': {
      kind: 'action',
      label: 'Annual plan offer',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: '15% off the annual plan for {{ account.traits.name | default: "your team" }}',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Your team has been using the core features every day this week. If you move to the annual plan before your trial ends, we will take 15% off.',
          'Reply to this email and I will set it up.',
        ].join('\n'),
      },
    },
    'subject-test': {
      kind: 'split',
      label: 'Subject line A/B test',
      variants: [
        { port: 'A', percent: 50 },
        { port: 'B', percent: 50 },
      ],
    },
    'tips-a': {
      kind: 'action',
      label: 'Feature tips (A)',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Three features teams like yours use in week two',
        text: 'Hi {{ person.traits.firstName | default: "there" }},\n\nHere are three features that make the biggest difference in the second week of a trial: the advanced analytics dashboard, integrations, and inviting your team.',
      },
    },
    'tips-b': {
      kind: 'action',
      label: 'Feature tips (B)',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: '{{ person.traits.firstName | default: "Hi" }}, have you tried the analytics dashboard?',
        text: 'Hi {{ person.traits.firstName | default: "there" }},\n\nYou have been using the basic reports; the advanced analytics dashboard shows the same data over time and by team. Want a five-minute walkthrough?',
      },
    },
    done: { kind: 'end' },
  },
  edges: [
    { from: 'wait-a-week', to: 'high-tier' },
    { from: 'high-tier', to: 'approve-offer', port: 'yes' },
    { from: 'high-tier', to: 'subject-test', port: 'no' },
    { from: 'approve-offer', to: 'send-offer' },
    { from: 'send-offer', to: 'done' },
    { from: 'subject-test', to: 'tips-a', port: 'A' },
    { from: 'subject-test', to: 'tips-b', port: 'B' },
    { from: 'tips-a', to: 'done' },
    { from: 'tips-b', to: 'done' },
  ],
  layout: {
    'wait-a-week': { x: 0, y: 0 },
    'high-tier': { x: 0, y: 160 },
    'approve-offer': { x: -220, y: 320 },
    'send-offer': { x: -220, y: 480 },
    'subject-test': { x: 220, y: 320 },
    'tips-a': { x: 120, y: 480 },
    'tips-b': { x: 320, y: 480 },
    done: { x: 0, y: 640 },
  },
};
