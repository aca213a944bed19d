/**
 * What a new node of each kind starts as: the DSL's required fields filled with sensible values, so
 * the node draws with a readable summary and only settings a person must choose are left to flag.
 */
import type { Step, StepKind } from '@tripline/playbook';

export function defaultStep(kind: StepKind): Step {
  switch (kind) {
    case 'condition':
      return { kind, label: 'Has an email address?', when: { property: 'person.traits.email', operator: 'exists' } };
    case 'split':
      return { kind, label: 'A/B split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] };
    case 'wait':
      return { kind, label: 'Wait', for: '2d' };
    case 'waitForEvent':
      return { kind, label: 'Wait for an event', event: { name: 'Demo Requested' }, timeout: '7d' };
    case 'score':
      // The model is the workspace's to choose; validation asks for it.
      return { kind, label: 'Read the score', model: '' };
    case 'approval':
      return { kind, label: 'Approval', assignees: { roles: ['approver'] }, timeout: '2d', onTimeout: 'reject' };
    case 'action':
      return { kind, label: 'Action', connector: '', action: '', connection: '', input: {} };
    case 'parallel':
      return { kind, label: 'In parallel' };
    case 'join':
      return { kind, label: 'Join branches' };
    case 'end':
      return { kind, label: 'End' };
  }
}
