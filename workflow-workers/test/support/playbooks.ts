import { randomUUID } from 'node:crypto';
import { workflowIdForEnrollment, type ActionStep, type Edge, type EvaluationContext, type NodeId, type Playbook, type PlaybookRunInput, type Step } from '@tripline/playbook';

export const WORKSPACE_ID = 'ws-test';
export const SMTP_CONNECTION = 'smtp-dev';

/** A playbook around the given graph, with the fields every playbook has. */
export function playbookOf(start: NodeId, nodes: Record<NodeId, Step>, edges: Edge[]): Playbook {
  return {
    schemaVersion: 1,
    id: 'pb-test',
    version: 1,
    name: 'Test playbook',
    trigger: { kind: 'event', event: 'Signed Up' },
    enrollment: { subject: 'person', reenroll: 'never' },
    start,
    nodes,
    edges,
  };
}

export const welcomeEmail = (overrides: Partial<Record<string, unknown>> = {}): ActionStep => ({
  kind: 'action',
  connector: 'email',
  action: 'send',
  connection: SMTP_CONNECTION,
  input: {
    to: '{{ person.traits.email }}',
    subject: 'Welcome to Acme, {{ person.traits.firstName }}',
    text: 'Hi {{ person.traits.firstName }}, you are on the {{ person.traits.plan }} plan.',
    ...overrides,
  },
});

export const annContext: EvaluationContext = {
  event: { name: 'Signed Up', properties: { source: 'web' } },
  person: { id: 'person-ann', traits: { email: 'ann@example.com', firstName: 'Ann', plan: 'pro' } },
};

export function runInputFor(playbook: Playbook, context: EvaluationContext = annContext): PlaybookRunInput {
  return {
    runId: randomUUID(),
    workspaceId: WORKSPACE_ID,
    playbook,
    subject: { kind: 'person', id: context.person?.id ?? 'person-x' },
    context,
  };
}

/** Workflow ids as the dispatcher makes them: one per enrollment. */
export function enrollmentWorkflowId(): string {
  return workflowIdForEnrollment(WORKSPACE_ID, randomUUID());
}
