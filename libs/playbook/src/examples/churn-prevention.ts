import type { Playbook } from '../dsl/types';
import { emailToPerson, WEEKDAY_MORNING } from './shared-steps';

/** The qualifying event: a login. Anyone who starts a session is active again. */
export const SESSION_STARTED = 'Session Started';

/**
 * Churn prevention on inactivity (../shared/domain/000_*.txt: "if a user hasn't logged in for a week
 * ... send an email asking if they need assistance"; the play: proactive support, helpful resources,
 * then a win-back campaign). Enrolled by the scheduler when a person has had no session for 7 days;
 * each touch waits for them to come back, and a session ends the run (re-engaged).
 */
export const churnPreventionInactivity: Playbook = {
  schemaVersion: 1,
  id: 'churn-prevention-inactivity',
  version: 1,
  name: 'Churn prevention: a week without a login',
  description: 'People with no session for 7 days get a proactive support email, then a win-back email with resources and a call offer if they have not come back within 5 days.',
  trigger: { kind: 'inactivity', event: SESSION_STARTED, days: 7 },
  // One rescue attempt per person per 30 days (the guide's rate limit for triggers).
  enrollment: { subject: 'person', reenroll: { afterDays: 30 } },
  start: 'has-email',
  nodes: {
    'has-email': { kind: 'condition', label: 'Has an email address?', when: { property: 'person.traits.email', operator: 'exists' } },
    'check-in-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    'support-check-in': emailToPerson('Proactive support', 'Can we help, {{ person.traits.firstName | default: "friend" }}?', [
      'We noticed you have not logged in for a week, and wanted to check that everything is working for you.',
      'If something got in the way (a setting, an integration, a missing feature), reply to this email and a person on our team will help you sort it out.',
      'Three things people find useful when they come back:',
      '- the 5-minute getting-started guide: {{ person.traits.helpCenterUrl | default: "in the Help menu" }}',
      '- templates to start a project from, so you are not starting from a blank page',
      '- the weekly summary email, so your team keeps you up to date',
    ]),
    'await-return': { kind: 'waitForEvent', label: 'Back within 5 days?', event: { name: SESSION_STARTED }, timeout: '5d' },
    'win-back-hours': { kind: 'wait', label: 'Weekday morning', until: WEEKDAY_MORNING },
    'win-back': emailToPerson('Win-back', 'Your {{ account.traits.name | default: "team" }} workspace is ready when you are', [
      'Your projects and settings are just as you left them.',
      'If it would help, book 15 minutes with a product specialist and we will set things up with you: {{ person.traits.bookingUrl | default: "reply with a time that suits you" }}.',
      'And if the product is not the right fit any more, a one-line reply telling us why would help us a lot.',
    ]),
    'await-return-again': { kind: 'waitForEvent', label: 'Back within a week?', event: { name: SESSION_STARTED }, timeout: '7d' },
    'came-back': { kind: 'end', label: 'Re-engaged' },
    'not-back': { kind: 'end', label: 'Not back yet' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'check-in-hours', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'check-in-hours', to: 'support-check-in' },
    { from: 'support-check-in', to: 'await-return' },
    { from: 'await-return', to: 'came-back', port: 'received' },
    { from: 'await-return', to: 'win-back-hours' },
    { from: 'win-back-hours', to: 'win-back' },
    { from: 'win-back', to: 'await-return-again' },
    { from: 'await-return-again', to: 'came-back', port: 'received' },
    { from: 'await-return-again', to: 'not-back' },
  ],
};
