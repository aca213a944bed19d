import type { Playbook } from '../dsl/types';

/**
 * "Requested a Demo" is the strongest signal in the seed scoring table (75 points × 2.0 weighting):
 * answer it at once, while the interest is there. The sample the end-to-end test runs: no waits.
 */
export const demoRequestFollowUp: Playbook = {
  schemaVersion: 1,
  id: 'demo-request-follow-up',
  version: 1,
  name: 'Demo request follow-up',
  description: 'When someone requests a demo, confirm it by email straight away; larger companies are told a solutions engineer will join.',
  trigger: { kind: 'event', event: 'Demo Requested' },
  enrollment: { subject: 'person', reenroll: { afterDays: 30 } },
  start: 'has-email',
  nodes: {
    'has-email': {
      kind: 'condition',
      label: 'Has an email address?',
      when: { property: 'person.traits.email', operator: 'exists' },
    },
    'send-confirmation': {
      kind: 'action',
      label: 'Confirm the demo request',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Your demo request, {{ person.traits.firstName | default: "there" }}',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Thanks for requesting a demo. We will tailor it to what you have been doing in the product, so it is about your work, not a generic tour.',
          // One line with the tags inside, so a small company's email has no blank gap.
          '{% if account.traits.employees >= 200 %}Since {{ account.traits.name | default: "your team" }} is a larger organisation, a solutions engineer will join the call to talk about rollout and security.\n{% endif %}' +
            'Reply to this email with a couple of times that suit you and we will send an invite.',
          '',
          'The Tripline team',
        ].join('\n'),
      },
    },
    done: { kind: 'end', label: 'Confirmation sent' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'send-confirmation', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'send-confirmation', to: 'done' },
  ],
  layout: {
    'has-email': { x: 0, y: 0 },
    'send-confirmation': { x: -160, y: 160 },
    'no-email': { x: 160, y: 160 },
    done: { x: -160, y: 320 },
  },
};
