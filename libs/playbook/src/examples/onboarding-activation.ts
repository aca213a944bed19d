import type { Playbook } from '../dsl/types';
import { emailToPerson } from './shared-steps';

/** The activation events of the checklist (sign-up, invite, integrate, collaborate). */
export const ONBOARDING_EVENTS = {
  signedUp: 'Signed Up',
  userInvited: 'User Invited',
  integrationConnected: 'Integration Connected',
  itemShared: 'Item Shared',
} as const;

/**
 * The 30-day activation checklist for a mid-market PLG product (../shared/domain/001_*.txt), as
 * email: day 1 welcome (create the first project); day 3 team invite; day 7 integration; day 14 the
 * success manager's check-in; day 30 the feedback survey. Each milestone is awaited until its day
 * mark (counted from the previous milestone, so a fast starter moves through sooner): a person who
 * reaches it in time skips its nudge (the event leaves by "received"), the others get the nudge. Where the guide says "in-app", the template writes an email with the same
 * words, so it runs on the seeded email connection alone.
 */
export const onboardingActivation: Playbook = {
  schemaVersion: 1,
  id: 'onboarding-activation-30-day',
  version: 1,
  name: '30-day onboarding activation checklist',
  description:
    'From sign-up: a welcome on day 1, then nudges on day 3 (invite the team), day 7 (connect an integration) and day 14 (a success manager check-in) for milestones not yet reached, and a feedback survey on day 30.',
  trigger: { kind: 'event', event: ONBOARDING_EVENTS.signedUp },
  enrollment: { subject: 'person', reenroll: 'never' },
  start: 'has-email',
  nodes: {
    'has-email': { kind: 'condition', label: 'Has an email address?', when: { property: 'person.traits.email', operator: 'exists' } },
    welcome: emailToPerson('Day 1: welcome', 'Welcome! Create your first project', [
      'Welcome! Create your first project to unlock collaboration. This 2-minute guide shows how: {{ person.traits.guideUrl | default: "open Help → Getting started" }}.',
    ]),
    'await-invite': { kind: 'waitForEvent', label: 'Team invited by day 3?', event: { name: ONBOARDING_EVENTS.userInvited }, timeout: '3d' },
    'invite-nudge': emailToPerson('Day 3: invite your team', 'Maximize value: invite your team now', [
      'Ready to collaborate? Share access with your team via this link: {{ person.traits.inviteUrl | default: "the Invite button at the top of any project" }}.',
    ]),
    'await-integration': { kind: 'waitForEvent', label: 'Integration connected by day 7?', event: { name: ONBOARDING_EVENTS.integrationConnected }, timeout: '4d' },
    'integration-nudge': emailToPerson('Day 7: connect an integration', 'Connect Google Drive to streamline workflows', [
      'Connect Google Drive to streamline your workflows. Setup takes 3 steps:',
      '1. Open Settings → Integrations.',
      '2. Choose Google Drive and sign in.',
      '3. Pick the folders your projects should see.',
    ]),
    'await-collaboration': { kind: 'waitForEvent', label: 'First collaboration by day 14?', event: { name: ONBOARDING_EVENTS.itemShared }, timeout: '7d' },
    'success-check-in': emailToPerson('Day 14: success manager check-in', 'Quick check-in: need help with team features?', [
      "I'm {{ person.traits.successManagerName | default: \"your success manager\" }}. Need help with team features? Book a 15-minute call: {{ person.traits.bookingUrl | default: \"reply with a time that suits you\" }}.",
    ]),
    'until-day-30': { kind: 'wait', label: 'Until day 30', for: '16d' },
    'feedback-survey': emailToPerson('Day 30: feedback survey', "How's your experience so far?", [
      "How's your experience? Share feedback to customize your onboarding: {{ person.traits.surveyUrl | default: \"just reply to this email\" }}.",
    ]),
    done: { kind: 'end', label: 'Checklist finished' },
    'no-email': { kind: 'end', label: 'No address to write to' },
  },
  edges: [
    { from: 'has-email', to: 'welcome', port: 'yes' },
    { from: 'has-email', to: 'no-email', port: 'no' },
    { from: 'welcome', to: 'await-invite' },
    { from: 'await-invite', to: 'await-integration', port: 'received' },
    { from: 'await-invite', to: 'invite-nudge' },
    { from: 'invite-nudge', to: 'await-integration' },
    { from: 'await-integration', to: 'await-collaboration', port: 'received' },
    { from: 'await-integration', to: 'integration-nudge' },
    { from: 'integration-nudge', to: 'await-collaboration' },
    { from: 'await-collaboration', to: 'until-day-30', port: 'received' },
    { from: 'await-collaboration', to: 'success-check-in' },
    { from: 'success-check-in', to: 'until-day-30' },
    { from: 'until-day-30', to: 'feedback-survey' },
    { from: 'feedback-survey', to: 'done' },
  ],
};
