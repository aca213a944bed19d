import type { Edge, Playbook, Step } from '../dsl/types';

/** A valid minimal playbook around the given nodes and edges, for tests. */
export function playbookWith(nodes: Record<string, Step>, edges: Edge[], overrides: Partial<Playbook> = {}): Playbook {
  return {
    schemaVersion: 1,
    id: 'test-playbook',
    version: 1,
    name: 'Test playbook',
    trigger: { kind: 'event', event: 'Signed Up' },
    enrollment: { subject: 'person', reenroll: 'never' },
    start: Object.keys(nodes)[0] ?? 'start',
    nodes,
    edges,
    ...overrides,
  };
}

export const emailAction = (input: Record<string, unknown> = { to: '{{ person.traits.email }}', subject: 'Hi', text: 'Hello' }): Step => ({
  kind: 'action',
  connector: 'email',
  action: 'send',
  connection: 'default-email',
  input,
});

export const end: Step = { kind: 'end' };
export const wait: Step = { kind: 'wait', for: '1d' };
export const hasEmail: Step = { kind: 'condition', when: { property: 'person.traits.email', operator: 'exists' } };
