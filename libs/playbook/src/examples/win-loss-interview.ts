import type { Playbook } from '../dsl/types';

/**
 * The post-loss interview sequence of the win-loss playbook: trigger on Closed Lost deals of
 * $10K ACV or more with no loss reason logged, then three short touches — invite, bump, last
 * note — each stopped as soon as the buyer completes the interview (waitForEvent exits the run).
 */
export const winLossInterview: Playbook = {
  schemaVersion: 1,
  id: 'win-loss-post-loss-interview',
  version: 1,
  name: 'Post-loss interview sequence',
  description: 'Ask buyers of lost deals for 10–15 minutes of honest feedback, async or live, with an incentive scaled to deal size.',
  trigger: {
    kind: 'event',
    event: 'Deal Closed Lost',
    where: {
      all: [
        { property: 'event.properties.amount', operator: 'gte', value: 10000 },
        { property: 'event.properties.lossReason', operator: 'notExists' },
      ],
    },
  },
  enrollment: { subject: 'person', reenroll: 'never' },
  start: 'has-email',
  nodes: {
    'has-email': { kind: 'condition', label: 'Buyer has an email address?', when: { property: 'person.traits.email', operator: 'exists' } },
    invite: {
      kind: 'action',
      label: 'Interview invite',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: '10 minutes of honest feedback, {{ person.traits.firstName | default: "there" }}?',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'I am on the product marketing team. I saw that you recently wrapped up your evaluation with us, and I wanted to reach out directly, separate from the sales process.',
          'We are trying to understand what drives decisions like yours, and would love 10–15 minutes of your honest feedback. No agenda, no follow-up pitch.',
          '',
          'Two options, whichever is easier:',
          '- a 15-minute call: reply with a time that suits you',
          '- an async interview that takes about 2–3 minutes: {{ event.properties.interviewUrl | default: "reply to this email and we will send the link" }}',
          '',
          'As a thank you for your time we are offering a {% if event.properties.amount >= 50000 %}$100{% else %}$50{% endif %} gift card.',
        ].join('\n'),
      },
    },
    'wait-for-interview': { kind: 'waitForEvent', label: 'Interview done?', event: { name: 'Interview Completed' }, timeout: '4d' },
    bump: {
      kind: 'action',
      label: 'Bump',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Re: 10 minutes of honest feedback',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Just bumping this up in case it got buried. The async option takes about 2–3 minutes and you can do it from your phone.',
          'No worries if now is not a good time.',
        ].join('\n'),
      },
    },
    'wait-again': { kind: 'waitForEvent', label: 'Interview done?', event: { name: 'Interview Completed' }, timeout: '1w' },
    'last-note': {
      kind: 'action',
      label: 'Last note',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Last note from me',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Last note, I promise. If you ever have 2–3 minutes and want to share feedback on your evaluation, the link stays open.',
          'We genuinely use this to make our product and sales process better. Your perspective matters, even months from now.',
        ].join('\n'),
      },
    },
    done: { kind: 'end', label: 'Sequence finished' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'invite', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'invite', to: 'wait-for-interview' },
    { from: 'wait-for-interview', to: 'bump' },
    { from: 'bump', to: 'wait-again' },
    { from: 'wait-again', to: 'last-note' },
    { from: 'last-note', to: 'done' },
  ],
  layout: {
    'has-email': { x: 0, y: 0 },
    'no-email': { x: 200, y: 160 },
    invite: { x: -100, y: 160 },
    'wait-for-interview': { x: -100, y: 320 },
    bump: { x: -100, y: 480 },
    'wait-again': { x: -100, y: 640 },
    'last-note': { x: -100, y: 800 },
    done: { x: -100, y: 960 },
  },
};
