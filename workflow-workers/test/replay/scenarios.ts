import type { Playbook, Step } from '@tripline/playbook';
import { annContext, playbookOf, welcomeEmail } from '../support/playbooks';

/** An SMTP connection whose server refuses connections: the failure scenario's email step. */
export const BROKEN_SMTP_CONNECTION = 'smtp-broken';

/**
 * Representative runs whose recorded histories are replayed in CI (replay-histories.test.ts). Each
 * one ends by itself (timeouts rather than signals), so recording needs no script per scenario.
 * `required`: the recorder fails when it cannot record it; the others are recorded when the
 * interpreter supports them (new kinds: add a scenario here and run `npm run record:histories`).
 */
export interface ReplayScenario {
  name: string;
  playbook: Playbook;
  outcome: 'completed' | 'failed';
  required: boolean;
}

const end = { kind: 'end' } as const;
const isPro: Step = { kind: 'condition', when: { property: 'person.traits.plan', operator: 'eq', value: 'pro' } };

export const REPLAY_SCENARIOS: ReplayScenario[] = [
  {
    name: 'condition-email',
    required: true,
    outcome: 'completed',
    playbook: playbookOf('is-pro', { 'is-pro': isPro, send: welcomeEmail(), done: end }, [
      { from: 'is-pro', to: 'send', port: 'yes' },
      { from: 'send', to: 'done' },
    ]),
  },
  {
    name: 'split',
    required: true,
    outcome: 'completed',
    playbook: playbookOf(
      'ab',
      { ab: { kind: 'split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] }, 'send-a': welcomeEmail({ subject: 'A for {{ person.traits.firstName }}' }), 'send-b': welcomeEmail({ subject: 'B for {{ person.traits.firstName }}' }), done: end },
      [
        { from: 'ab', to: 'send-a', port: 'a' },
        { from: 'ab', to: 'send-b', port: 'b' },
        { from: 'send-a', to: 'done' },
        { from: 'send-b', to: 'done' },
      ],
    ),
  },
  {
    name: 'wait',
    required: true,
    outcome: 'completed',
    playbook: playbookOf('pause', { pause: { kind: 'wait', for: '1s' }, send: welcomeEmail(), done: end }, [
      { from: 'pause', to: 'send' },
      { from: 'send', to: 'done' },
    ]),
  },
  {
    name: 'failure',
    required: true,
    outcome: 'failed',
    playbook: playbookOf('send', { send: welcomeEmail({}), done: end }, [{ from: 'send', to: 'done' }]),
  },
  {
    name: 'wait-for-event-timeout',
    required: false,
    outcome: 'completed',
    playbook: playbookOf('await-upgrade', { 'await-upgrade': { kind: 'waitForEvent', event: { name: 'Upgraded' }, timeout: '1s' }, send: welcomeEmail(), done: end }, [
      { from: 'await-upgrade', to: 'send' },
      { from: 'send', to: 'done' },
    ]),
  },
  {
    name: 'approval-timeout',
    required: false,
    outcome: 'completed',
    playbook: playbookOf(
      'gate',
      { gate: { kind: 'approval', assignees: { roles: ['approver'] }, timeout: '2s', onTimeout: 'approve' }, send: welcomeEmail(), done: end },
      [
        { from: 'gate', to: 'send' },
        { from: 'send', to: 'done' },
      ],
    ),
  },
  {
    name: 'parallel',
    required: false,
    outcome: 'completed',
    playbook: playbookOf(
      'fork',
      { fork: { kind: 'parallel' }, 'send-a': welcomeEmail({ subject: 'A' }), 'send-b': welcomeEmail({ subject: 'B' }), meet: { kind: 'join' }, done: end },
      [
        { from: 'fork', to: 'send-a' },
        { from: 'fork', to: 'send-b' },
        { from: 'send-a', to: 'meet' },
        { from: 'send-b', to: 'meet' },
        { from: 'meet', to: 'done' },
      ],
    ),
  },
];

/** The failure scenario sends through the broken connection; the others through the working one. */
export function scenarioPlaybook(scenario: ReplayScenario): Playbook {
  if (scenario.name !== 'failure') return scenario.playbook;
  const send = { ...(scenario.playbook.nodes.send as Extract<Step, { kind: 'action' }>), connection: BROKEN_SMTP_CONNECTION, retry: { maximumAttempts: 1 } };
  return { ...scenario.playbook, nodes: { ...scenario.playbook.nodes, send } };
}

export const scenarioContext = annContext;
