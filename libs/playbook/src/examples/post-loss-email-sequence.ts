import type { Playbook } from '../dsl/types';
// Touches go out on weekday mornings in the buyer's time zone (their `timezone` trait, else UTC).
import { WEEKDAY_MORNING } from './shared-steps';

const INTERVIEW_LINK = '{{ event.properties.interviewUrl | default: "reply to this email and we will send you the link" }}';
const GIFT_CARD = '{% if event.properties.amount >= 50000 %}$100{% else %}$50{% endif %}';
const SIGNATURE = '{{ event.properties.senderName | default: "The product marketing team" }}';

/**
 * The three-touch post-loss interview sequence of the win-loss guide (../shared/domain), as email
 * outreach with text and HTML bodies: invite, bump three days later, last note a week after that,
 * each in weekday business hours. The buyer leaves the sequence as soon as they complete the
 * interview (`Interview Completed`, tracked by the interview tool). Every touch carries
 * List-Unsubscribe, and an unsubscribed or bounced address makes the remaining touches skip.
 * Values inserted into the HTML bodies (names, the interview link) are HTML-escaped by the runtime,
 * so a trait can never add markup; mail clients turn the plain link into a clickable one.
 */
export const postLossEmailSequence: Playbook = {
  schemaVersion: 1,
  id: 'post-loss-email-sequence',
  version: 1,
  name: 'Post-loss interview emails (three touches)',
  description: 'Invite buyers of lost deals ($10K ACV or more, no loss reason) to a 15-minute call or a 2–3 minute async interview; bump after 3 days, last note a week later.',
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
  outreach: { priority: 40, whenCapped: 'wait' },
  start: 'has-email',
  nodes: {
    'has-email': { kind: 'condition', label: 'Buyer has an email address?', when: { property: 'person.traits.email', operator: 'exists' } },
    'invite-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    invite: {
      kind: 'action',
      label: 'Touch 1: interview invite',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Your evaluation of {{ event.properties.product | default: "our product" }}: 10 minutes of honest feedback?',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          "I'm on the product marketing team. I saw that you recently wrapped up your evaluation with us, and I wanted to reach out directly, separate from the sales process.",
          "We're trying to understand what drives decisions like yours, and we'd love 10–15 minutes of your honest feedback. No agenda, no follow-up pitch.",
          '',
          'Two options, whichever is easier:',
          "- a 15-minute call: reply with a time that suits you, and I'll ask a few questions and take notes",
          `- an async interview, about 2–3 minutes, on your own time: ${INTERVIEW_LINK}`,
          '',
          `We're offering a ${GIFT_CARD} gift card as a thank you for your time.`,
          '',
          SIGNATURE,
        ].join('\n'),
        html: [
          '<p>Hi {{ person.traits.firstName | default: "there" }},</p>',
          "<p>I'm on the product marketing team. I saw that you recently wrapped up your evaluation with us, and I wanted to reach out directly, separate from the sales process.</p>",
          "<p>We're trying to understand what drives decisions like yours, and we'd love 10–15 minutes of your honest feedback. No agenda, no follow-up pitch.</p>",
          '<p>Two options, whichever is easier:</p>',
          '<ul><li>a 15-minute call: reply with a time that suits you</li>',
          `<li>an async interview, about 2–3 minutes: ${INTERVIEW_LINK}</li></ul>`,
          `<p>We're offering a ${GIFT_CARD} gift card as a thank you for your time.</p>`,
          `<p>${SIGNATURE}</p>`,
        ].join('\n'),
      },
    },
    'wait-after-invite': { kind: 'waitForEvent', label: 'Interview done within 3 days?', event: { name: 'Interview Completed' }, timeout: '3d' },
    'bump-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    bump: {
      kind: 'action',
      label: 'Touch 2: bump',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Re: your evaluation: 10 minutes of honest feedback?',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Just bumping this up in case it got buried. Still happy to make it as easy as possible: the async option takes about 2–3 minutes and you can do it from your phone.',
          INTERVIEW_LINK,
          '',
          'No worries if now is not a good time.',
          SIGNATURE,
        ].join('\n'),
        html: [
          '<p>Hi {{ person.traits.firstName | default: "there" }},</p>',
          '<p>Just bumping this up in case it got buried. Still happy to make it as easy as possible: the async option takes about 2–3 minutes and you can do it from your phone.</p>',
          `<p>${INTERVIEW_LINK}</p>`,
          '<p>No worries if now is not a good time.</p>',
          `<p>${SIGNATURE}</p>`,
        ].join('\n'),
      },
    },
    'wait-after-bump': { kind: 'waitForEvent', label: 'Interview done within a week?', event: { name: 'Interview Completed' }, timeout: '1w' },
    'last-note-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    'last-note': {
      kind: 'action',
      label: 'Touch 3: last note',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: {
        to: '{{ person.traits.email }}',
        subject: 'Last note from me',
        text: [
          'Hi {{ person.traits.firstName | default: "there" }},',
          '',
          'Last note, I promise. If you ever have 2–3 minutes and want to share feedback on your evaluation, the link below stays open:',
          INTERVIEW_LINK,
          '',
          'We genuinely use this to make our product and sales process better. Your perspective matters, even months from now.',
          SIGNATURE,
        ].join('\n'),
        html: [
          '<p>Hi {{ person.traits.firstName | default: "there" }},</p>',
          '<p>Last note, I promise. If you ever have 2–3 minutes and want to share feedback on your evaluation, the link below stays open:</p>',
          `<p>${INTERVIEW_LINK}</p>`,
          '<p>We genuinely use this to make our product and sales process better. Your perspective matters, even months from now.</p>',
          `<p>${SIGNATURE}</p>`,
        ].join('\n'),
      },
    },
    interviewed: { kind: 'end', label: 'Interview completed: sequence stops' },
    done: { kind: 'end', label: 'Sequence finished' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'invite-hours', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'invite-hours', to: 'invite' },
    { from: 'invite', to: 'wait-after-invite' },
    { from: 'wait-after-invite', to: 'interviewed', port: 'received' },
    { from: 'wait-after-invite', to: 'bump-hours' },
    { from: 'bump-hours', to: 'bump' },
    { from: 'bump', to: 'wait-after-bump' },
    { from: 'wait-after-bump', to: 'interviewed', port: 'received' },
    { from: 'wait-after-bump', to: 'last-note-hours' },
    { from: 'last-note-hours', to: 'last-note' },
    { from: 'last-note', to: 'done' },
  ],
};
